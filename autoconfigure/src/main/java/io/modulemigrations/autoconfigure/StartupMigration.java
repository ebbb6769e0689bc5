package io.modulemigrations.autoconfigure;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrateResult;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.link.LinkActionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What startup does, whenever it runs: migrate with the configured options and say what happened. */
final class StartupMigration {

    private static final Logger log = LoggerFactory.getLogger(StartupMigration.class);

    private StartupMigration() {
    }

    static MigrateResult apply(ModuleMigrations migrations, MigrateOptions options) {
        // The engine logs what it applied, per module and in sum; saying it again here would be a second line.
        MigrateResult result = migrations.migrate(options);
        // A loop, not a stream with lambdas: those would be classes generated on every start.
        for (LinkActionResult link : result.links()) {
            if (link.outcome() == LinkActionResult.Outcome.SKIPPED && !link.action().safe()) {
                log.warn("Link action left as it is (unsafe; run db:sync-links to apply it): {}", link.action().impact());
            }
        }
        return result;
    }
}
