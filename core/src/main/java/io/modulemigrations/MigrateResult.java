package io.modulemigrations;

import io.modulemigrations.link.LinkActionResult;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.script.ScriptOutcome;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a migrate run did.
 *
 * @param batch     the batch number the applied migrations share; 0 when nothing was applied
 * @param applied   the migrations applied, in the order they committed
 * @param plan      in a dry run, what would run; otherwise empty
 * @param missing   applied migrations that are no longer in the code (reported, not fatal)
 * @param lockTaken whether the run needed the lock (false on the fast path)
 * @param dryRun    whether this was a dry run
 * @param linkPlan  in a dry run, the link actions it would plan (null when links are skipped); otherwise null
 * @param links     what became of each link action (empty when none was needed, skipped, or in a dry run)
 * @param scripts   what became of each migration script (empty when skipped or none)
 * @param duration  how long the run took
 */
public record MigrateResult(int batch, List<ExecutedMigration> applied, List<PlannedMigration> plan,
                            List<MigrationId> missing, boolean lockTaken, boolean dryRun, @Nullable LinkPlan linkPlan,
                            List<LinkActionResult> links, List<ScriptOutcome> scripts, Duration duration) {

    /** True when no migration was (or, in a dry run, would be) applied. */
    public boolean nothingToDo() {
        return dryRun ? plan.isEmpty() : applied.isEmpty();
    }

    /** The same result with these link outcomes. */
    MigrateResult withLinks(List<LinkActionResult> outcomes) {
        return new MigrateResult(batch, applied, plan, missing, lockTaken, dryRun, linkPlan, List.copyOf(outcomes), scripts, duration);
    }

    /** The same result with these script outcomes. */
    MigrateResult withScripts(List<ScriptOutcome> outcomes) {
        return new MigrateResult(batch, applied, plan, missing, lockTaken, dryRun, linkPlan, links, List.copyOf(outcomes), duration);
    }

    /** The dry run's plan as one SQL script: migrations, then link actions. */
    public String planSql() {
        StringBuilder sb = new StringBuilder();
        plan.forEach(p -> sb.append(p.toSql()));
        if (linkPlan != null && !linkPlan.isEmpty()) {
            sb.append(linkPlan.toSql());
        }
        return sb.toString();
    }
}
