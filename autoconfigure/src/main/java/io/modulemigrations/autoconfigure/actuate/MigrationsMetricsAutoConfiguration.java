package io.modulemigrations.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.modulemigrations.ModuleMigrations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MigrationMetrics}, when Micrometer
 * is present with a {@link MeterRegistry}. Runs before the engine is created so the engine reports
 * to it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        beforeName = "io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration")
@ConditionalOnClass({ ModuleMigrations.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "module-migrations.enabled", matchIfMissing = true)
public final class MigrationsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationMetrics migrationMetrics(MeterRegistry registry) {
        return new MigrationMetrics(registry);
    }
}
