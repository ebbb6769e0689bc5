package io.modulemigrations.autoconfigure;

import io.modulemigrations.FluentConfiguration;

/**
 * Customizes the engine's configuration after the properties were applied and before it is
 * loaded; declare one as a bean.
 */
@FunctionalInterface
public interface ModuleMigrationsConfigurationCustomizer {

    /** Customizes {@code configuration}. */
    void customize(FluentConfiguration configuration);
}
