package io.modulemigrations;

import java.time.Duration;
import java.util.List;

/**
 * What a rollback did.
 *
 * @param reverted the migrations rolled back, in the order they were undone
 * @param plan     in a dry run, what would be undone; otherwise empty
 * @param dryRun   whether this was a dry run
 * @param duration how long it took
 */
public record RollbackResult(List<ExecutedMigration> reverted, List<PlannedMigration> plan, boolean dryRun, Duration duration) {

    public boolean nothingToDo() {
        return dryRun ? plan.isEmpty() : reverted.isEmpty();
    }

    /** The dry run's plan as one SQL script. */
    public String planSql() {
        StringBuilder sb = new StringBuilder();
        plan.forEach(p -> sb.append(p.toSql()));
        return sb.toString();
    }
}
