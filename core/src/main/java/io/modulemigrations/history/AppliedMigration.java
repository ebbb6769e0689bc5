package io.modulemigrations.history;

import io.modulemigrations.migration.MigrationId;
import java.time.Instant;

/**
 * A row of the history table: a migration that is applied.
 *
 * @param module      the owning module
 * @param name        the migration's name
 * @param batch       the run that applied it
 * @param checksum    the checksum when it was applied
 * @param appliedAt   when it finished
 * @param executionMs how long it took
 * @param appliedBy   the database user that applied it
 */
public record AppliedMigration(String module, String name, int batch, String checksum, Instant appliedAt,
                               long executionMs, String appliedBy) {

    public MigrationId id() {
        return new MigrationId(module, name);
    }
}
