package io.modulemigrations;

/**
 * How one rollback goes.
 *
 * @param steps  how many migrations to undo per module, newest first; 0 for the module's latest batch
 * @param dryRun report the plan and its SQL, change nothing
 */
public record RollbackOptions(int steps, boolean dryRun) {

    public RollbackOptions {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 (latest batch) or more, was " + steps);
        }
    }

    /** Undo each module's latest batch, for real. */
    public static RollbackOptions latestBatch() {
        return new RollbackOptions(0, false);
    }

    public RollbackOptions withSteps(int steps) {
        return new RollbackOptions(steps, dryRun);
    }

    public RollbackOptions withDryRun(boolean dryRun) {
        return new RollbackOptions(steps, dryRun);
    }
}
