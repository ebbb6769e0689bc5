package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A migration failed while running. The message names the module, the migration and the failing
 * statement, says what the run left applied and what it undid, and what to do next.
 */
public final class MigrationFailedException extends MigrationException {

    private final MigrationId migration;
    private final @Nullable String statement;
    private final List<ExecutedMigration> kept;

    public MigrationFailedException(String message, MigrationId migration, @Nullable String statement, List<ExecutedMigration> kept, Throwable cause) {
        super(message, cause);
        this.migration = migration;
        this.statement = statement;
        this.kept = List.copyOf(kept);
    }

    /** The migration that failed. */
    public MigrationId migration() {
        return migration;
    }

    /** The statement that failed, or null when the migration's own code threw. */
    public @Nullable String statement() {
        return statement;
    }

    /** What stays applied (or reverted, for a rollback) after the failure. */
    public List<ExecutedMigration> kept() {
        return kept;
    }
}
