package io.modulemigrations;

/**
 * How one migrate run goes. Start from {@link #defaults()} and change what you need.
 *
 * @param concurrency  how many modules migrate at once, each on its own connection
 * @param allOrNothing undo everything this run applied if anything fails
 * @param dryRun       report the plan and its SQL, change nothing
 * @param skipScripts  do not run migration scripts
 */
public record MigrateOptions(int concurrency, boolean allOrNothing, boolean dryRun, boolean skipScripts) {

    public MigrateOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }

    /** One module at a time, each migration committed on its own, for real. */
    public static MigrateOptions defaults() {
        return new MigrateOptions(1, false, false, false);
    }

    public MigrateOptions withConcurrency(int concurrency) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipScripts);
    }

    public MigrateOptions withAllOrNothing(boolean allOrNothing) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipScripts);
    }

    public MigrateOptions withDryRun(boolean dryRun) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipScripts);
    }

    public MigrateOptions withSkipScripts(boolean skipScripts) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipScripts);
    }
}
