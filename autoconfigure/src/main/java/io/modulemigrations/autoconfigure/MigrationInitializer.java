package io.modulemigrations.autoconfigure;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies pending migrations while the application context is refreshed
 * ({@code module-migrations.run-on=initialization}), then syncs links and runs migration scripts as
 * the options say. Spring Boot creates every bean that depends on database initialization (JPA's
 * {@code EntityManagerFactory}, {@code JdbcTemplate}, {@code JdbcClient}, jOOQ's {@code DSLContext},
 * or any bean annotated {@code @DependsOnDatabaseInitialization}) after this one, so Hibernate
 * validates the migrated schema and runners see it. A failure stops the refresh with the engine's
 * message and a non-zero exit code.
 */
public class MigrationInitializer implements InitializingBean {

    private final ModuleMigrations migrations;
    private final MigrateOptions options;

    public MigrationInitializer(ModuleMigrations migrations, MigrateOptions options) {
        this.migrations = migrations;
        this.options = options;
    }

    /** How startup runs migrate: concurrency, all-or-nothing, links and scripts from the properties. */
    public MigrateOptions options() {
        return this.options;
    }

    @Override
    public void afterPropertiesSet() {
        StartupMigration.apply(this.migrations, this.options);
    }
}
