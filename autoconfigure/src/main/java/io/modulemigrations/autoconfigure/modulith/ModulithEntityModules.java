package io.modulemigrations.autoconfigure.modulith;

import io.modulemigrations.autoconfigure.generate.EntityModuleResolver;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.util.function.SingletonSupplier;

/** An entity belongs to the migration module of the Spring Modulith application module that holds its type. */
final class ModulithEntityModules implements EntityModuleResolver {

    private final Supplier<@Nullable ApplicationModules> modules;

    /** @param modules the application's modules (read once, when first asked), or null when there are none */
    ModulithEntityModules(Supplier<@Nullable ApplicationModules> modules) {
        this.modules = SingletonSupplier.of(modules);
    }

    @Override
    public @Nullable String moduleOf(Class<?> entity) {
        ApplicationModules applicationModules = this.modules.get();
        if (applicationModules == null) {
            return null;
        }
        return applicationModules.getModuleByType(entity).map(module -> ModulithModuleNames.of(module.getIdentifier())).orElse(null);
    }
}
