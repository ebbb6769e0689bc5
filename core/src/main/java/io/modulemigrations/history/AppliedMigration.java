package io.modulemigrations.history;

import io.modulemigrations.migration.MigrationId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the history table: a migration that is applied.
 *
 * @param module      the owning module
 * @param name        the migration's name
 * @param batch       the run that applied it
 * @param checksum    the checksum when it was applied (null for rows recorded without one)
 * @param appliedAt   when it finished (null when read for a run, which does not need it)
 * @param executionMs how long it took
 * @param appliedBy   the database user that applied it (null when read for a run)
 */
public record AppliedMigration(String module, String name, int batch, @Nullable String checksum, @Nullable Instant appliedAt,
                               long executionMs, @Nullable String appliedBy) {

    public MigrationId id() {
        return new MigrationId(module, name);
    }
}
