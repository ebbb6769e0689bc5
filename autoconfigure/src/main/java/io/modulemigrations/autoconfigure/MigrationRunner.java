package io.modulemigrations.autoconfigure;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrateResult;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.link.LinkActionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies pending migrations when the application is ready, then syncs links and runs migration
 * scripts as the options say. Readiness is
 * {@link ReadinessState#REFUSING_TRAFFIC REFUSING_TRAFFIC} while they run and
 * {@link ReadinessState#ACCEPTING_TRAFFIC ACCEPTING_TRAFFIC} after. A failure propagates, so the
 * application stops with the engine's message (what failed, what was left as it was, what to do)
 * and a non-zero exit code.
 */
public class MigrationRunner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final ModuleMigrations migrations;
    private final MigrateOptions options;

    public MigrationRunner(ModuleMigrations migrations, MigrateOptions options) {
        this.migrations = migrations;
        this.options = options;
    }

    /** How startup runs migrate: concurrency, all-or-nothing, links and scripts from the properties. */
    public MigrateOptions options() {
        return this.options;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
        MigrateResult result = this.migrations.migrate(this.options);
        if (!result.nothingToDo()) {
            log.info("Applied {} migration(s) in batch {} in {} ms", result.applied().size(), result.batch(),
                    result.duration().toMillis());
        }
        result.links().stream().filter(r -> r.outcome() == LinkActionResult.Outcome.SKIPPED && !r.action().safe())
                .forEach(r -> log.warn("Link action left as it is (unsafe; run db:sync-links to apply it): {}", r.action().impact()));
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
    }
}
