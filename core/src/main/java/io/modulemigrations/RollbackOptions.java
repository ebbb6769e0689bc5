package io.modulemigrations;

/**
 * How one rollback goes.
 *
 * @param steps          how many migrations to undo per module, newest first; 0 for the module's latest batch
 * @param dryRun         report the plan and its SQL, change nothing
 * @param withDependents also undo, first, what modules that depend on a named module applied after the
 *                       migrations to undo; without it such a rollback is refused before anything runs
 */
public record RollbackOptions(int steps, boolean dryRun, boolean withDependents) {

    public RollbackOptions {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 (latest batch) or more, was " + steps);
        }
    }

    /** Undo each module's latest batch, for real. */
    public static RollbackOptions latestBatch() {
        return new RollbackOptions(0, false, false);
    }

    public RollbackOptions withSteps(int steps) {
        return new RollbackOptions(steps, dryRun, withDependents);
    }

    public RollbackOptions withDryRun(boolean dryRun) {
        return new RollbackOptions(steps, dryRun, withDependents);
    }

    /** Whether to undo, first, what dependent modules applied after the migrations to undo. */
    public RollbackOptions withDependents(boolean withDependents) {
        return new RollbackOptions(steps, dryRun, withDependents);
    }
}
