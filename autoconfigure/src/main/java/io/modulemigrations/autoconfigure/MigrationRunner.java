package io.modulemigrations.autoconfigure;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Applies pending migrations when the application is ready ({@code module-migrations.run-on=ready}),
 * then syncs links and runs migration scripts as the options say. Readiness is
 * {@link ReadinessState#REFUSING_TRAFFIC REFUSING_TRAFFIC} while they run and
 * {@link ReadinessState#ACCEPTING_TRAFFIC ACCEPTING_TRAFFIC} after. It runs before the application's
 * own ready listeners, but {@code ApplicationRunner} and {@code CommandLineRunner} beans run earlier
 * still (Spring Boot calls them before the ready event) and see the schema as it was: use
 * {@link MigrationInitializer run-on=initialization} when they need the new one. A failure
 * propagates, so the application stops with the engine's message (what failed, what was left as it
 * was, what to do) and a non-zero exit code.
 */
public class MigrationRunner implements ApplicationListener<ApplicationReadyEvent>, Ordered {

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
        StartupMigration.apply(this.migrations, this.options);
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
