package io.modulemigrations.autoconfigure.actuate;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.autoconfigure.ModuleMigrationsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations} health contributor,
 * when Spring Boot's health support is present and {@code management.health.migrations.enabled} is
 * not false. Pending migrations take the instance out of service only when it migrates on startup,
 * and changed ones take it down only when checksums are validated.
 */
@AutoConfiguration(after = ModuleMigrationsAutoConfiguration.class)
@ConditionalOnClass({ ModuleMigrations.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ModuleMigrations.class)
@ConditionalOnEnabledHealthIndicator("migrations")
@EnableConfigurationProperties(ModuleMigrationsProperties.class)
public final class MigrationsHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "migrationsHealthIndicator")
    MigrationsHealthIndicator migrationsHealthIndicator(ModuleMigrations migrations,
            ModuleMigrationsProperties properties) {
        return new MigrationsHealthIndicator(migrations, properties.isRunOnStartup(), properties.isValidateChecksums());
    }
}
