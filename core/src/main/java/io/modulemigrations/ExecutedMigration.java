package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import java.time.Duration;

/**
 * A migration that ran in one direction and committed (or, in a dry run, would run).
 *
 * @param module    the owning module
 * @param name      the migration's name
 * @param direction up when applied, down when rolled back
 * @param duration  how long it took; zero in a dry run
 */
public record ExecutedMigration(String module, String name, Direction direction, Duration duration) {

    public MigrationId id() {
        return new MigrationId(module, name);
    }
}
