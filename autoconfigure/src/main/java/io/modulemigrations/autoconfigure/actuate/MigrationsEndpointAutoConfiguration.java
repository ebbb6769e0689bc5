package io.modulemigrations.autoconfigure.actuate;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations} endpoint, when
 * Actuator is present and the endpoint is available (access not none, exposed).
 */
@AutoConfiguration(after = ModuleMigrationsAutoConfiguration.class)
@ConditionalOnClass({ ModuleMigrations.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
@ConditionalOnBean(ModuleMigrations.class)
public final class MigrationsEndpointAutoConfiguration {

    private static final String SPRING_SECURITY = "org.springframework.security.core.Authentication";

    @Bean
    @ConditionalOnMissingBean
    MigrationsEndpoint migrationsEndpoint(ModuleMigrations migrations) {
        return new MigrationsEndpoint(migrations);
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationsEndpointWebExtension migrationsEndpointWebExtension(MigrationsEndpoint endpoint) {
        return new MigrationsEndpointWebExtension(endpoint, ClassUtils.isPresent(SPRING_SECURITY, null));
    }
}
