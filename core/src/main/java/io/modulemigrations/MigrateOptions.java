package io.modulemigrations;

import io.modulemigrations.link.LinkMode;

/**
 * How one migrate run goes. Start from {@link #defaults()} and change what you need.
 *
 * @param concurrency  how many modules migrate at once, each on its own connection
 * @param allOrNothing undo everything this run applied if anything fails
 * @param dryRun       report the plan and its SQL, change nothing
 * @param skipLinks    do not sync links
 * @param linkMode     which link actions to apply: {@link LinkMode#SAFE} (create, additive) or {@link LinkMode#ALL}
 * @param skipScripts  do not run migration scripts
 */
public record MigrateOptions(int concurrency, boolean allOrNothing, boolean dryRun, boolean skipLinks, LinkMode linkMode,
                             boolean skipScripts) {

    public MigrateOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (linkMode == null) {
            throw new IllegalArgumentException("linkMode must be SAFE or ALL");
        }
    }

    /** One module at a time, each migration committed on its own, safe link actions, scripts, for real. */
    public static MigrateOptions defaults() {
        return new MigrateOptions(1, false, false, false, LinkMode.SAFE, false);
    }

    public MigrateOptions withConcurrency(int concurrency) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipLinks, linkMode, skipScripts);
    }

    public MigrateOptions withAllOrNothing(boolean allOrNothing) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipLinks, linkMode, skipScripts);
    }

    public MigrateOptions withDryRun(boolean dryRun) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipLinks, linkMode, skipScripts);
    }

    public MigrateOptions withSkipLinks(boolean skipLinks) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipLinks, linkMode, skipScripts);
    }

    public MigrateOptions withLinkMode(LinkMode linkMode) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipLinks, linkMode, skipScripts);
    }

    public MigrateOptions withSkipScripts(boolean skipScripts) {
        return new MigrateOptions(concurrency, allOrNothing, dryRun, skipLinks, linkMode, skipScripts);
    }
}
