package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.script.ScriptOutcome;
import java.time.Duration;
import java.util.List;

/**
 * What a migrate run did.
 *
 * @param batch     the batch number the applied migrations share; 0 when nothing was applied
 * @param applied   the migrations applied, in the order they committed
 * @param plan      in a dry run, what would run; otherwise empty
 * @param missing   applied migrations that are no longer in the code (reported, not fatal)
 * @param lockTaken whether the run needed the lock (false on the fast path)
 * @param dryRun    whether this was a dry run
 * @param scripts   what became of each migration script (empty when skipped or none)
 * @param duration  how long the run took
 */
public record MigrateResult(int batch, List<ExecutedMigration> applied, List<PlannedMigration> plan,
                            List<MigrationId> missing, boolean lockTaken, boolean dryRun, List<ScriptOutcome> scripts,
                            Duration duration) {

    /** True when nothing was pending: nothing was (or would be) applied. */
    public boolean nothingToDo() {
        return dryRun ? plan.isEmpty() : applied.isEmpty();
    }

    /** The same result with these script outcomes. */
    MigrateResult withScripts(List<ScriptOutcome> outcomes) {
        return new MigrateResult(batch, applied, plan, missing, lockTaken, dryRun, List.copyOf(outcomes), duration);
    }

    /** The dry run's plan as one SQL script. */
    public String planSql() {
        StringBuilder sb = new StringBuilder();
        plan.forEach(p -> sb.append(p.toSql()));
        return sb.toString();
    }
}
