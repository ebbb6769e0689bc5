package io.modulemigrations;

import io.modulemigrations.link.LinkActionResult;
import io.modulemigrations.link.LinkSyncResult;
import java.util.stream.Collectors;

/** A link action failed; it was rolled back, and every action's outcome is in {@link #result()}. */
public final class LinkSyncFailedException extends MigrationException {

    private final transient LinkSyncResult result;

    public LinkSyncFailedException(LinkSyncResult result, boolean afterMigrations) {
        super("Link sync failed:\n" + result.failures().stream()
                .map(f -> "  - " + f.action().table() + " (" + f.action().impact() + "): " + f.message())
                .collect(Collectors.joining("\n"))
                + "\nEach failed action was rolled back; the tables it touched are as they were. Applied: "
                + (result.applied().isEmpty() ? "none" : result.applied().stream().map(LinkActionResult::action)
                        .map(a -> a.table() + " (" + a.kind() + ")").collect(Collectors.joining(", ")))
                + "." + (afterMigrations ? " Schema migrations of this run are applied and stay." : "")
                + " Next: fix the cause (see the database's message) and run db:sync-links.");
        this.result = result;
    }

    public LinkSyncResult result() {
        return result;
    }
}
