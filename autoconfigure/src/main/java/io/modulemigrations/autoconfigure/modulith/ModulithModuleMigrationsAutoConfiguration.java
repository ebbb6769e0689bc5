package io.modulemigrations.autoconfigure.modulith;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.autoconfigure.ModuleMigrationsProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import io.modulemigrations.autoconfigure.generate.EntityModuleResolver;
import org.springframework.modulith.core.ApplicationModules;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that makes Spring Modulith's application modules the migration
 * modules: {@code depends-on} from the application modules' dependencies, and in an {@code @ApplicationModuleTest}
 * only the started modules migrate. Backs off without Spring Modulith and with
 * {@code module-migrations.modulith.enabled=false}.
 */
@AutoConfiguration(after = ModuleMigrationsAutoConfiguration.class)
@ConditionalOnClass({ ModuleMigrations.class, ApplicationModules.class })
@ConditionalOnBean(ModuleMigrationsProperties.class)
@ConditionalOnBooleanProperty(name = "module-migrations.modulith.enabled", matchIfMissing = true)
public final class ModulithModuleMigrationsAutoConfiguration {

    @Bean
    ModulithModuleMigrationsCustomizer modulithModuleMigrationsCustomizer(ModuleMigrationsProperties properties,
            ListableBeanFactory beanFactory, Environment environment) {
        Map<String, List<String>> configured = new TreeMap<>();
        properties.getModules().forEach((module, settings) -> configured.put(module, settings.getDependsOn()));
        // Spring Modulith reads it from the environment's sources: a change there changes the modules as a new jar would.
        return new ModulithModuleMigrationsCustomizer(beanFactory, configured, environment.getProperty("spring.modulith.detection-strategy"));
    }

    /** For db:generate: an entity belongs to the application module that holds it. */
    @Bean
    EntityModuleResolver modulithEntityModules(ListableBeanFactory beanFactory) {
        return new ModulithEntityModules(() -> {
            ModulithScope scope = ModulithScope.of(beanFactory);
            return scope != null ? scope.modules() : null;
        });
    }
}
