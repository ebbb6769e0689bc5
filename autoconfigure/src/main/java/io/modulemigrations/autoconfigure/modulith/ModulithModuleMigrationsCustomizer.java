package io.modulemigrations.autoconfigure.modulith;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.autoconfigure.ModuleMigrationsConfigurationCustomizer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.util.function.SingletonSupplier;

/**
 * Makes Spring Modulith's application modules the migration modules: {@code depends-on} derived from their
 * dependencies ({@link ModulithDependsOn}, read when the migrations are discovered), and in an
 * {@code @ApplicationModuleTest} only the started modules are loaded. Modules with migrations that are no
 * application module keep their configured {@code depends-on} and always migrate.
 */
final class ModulithModuleMigrationsCustomizer implements ModuleMigrationsConfigurationCustomizer, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ModulithModuleMigrationsCustomizer.class);

    private final ListableBeanFactory beanFactory;
    private final Map<String, Set<String>> configured;
    private final @Nullable String detectionStrategy;

    /**
     * @param beanFactory where the application class, or the module test's execution, is found
     * @param configured  the {@code depends-on} configured in properties, by module; these modules are left as configured
     * @param detectionStrategy {@code spring.modulith.detection-strategy} in the application's environment, or null
     */
    ModulithModuleMigrationsCustomizer(ListableBeanFactory beanFactory, Map<String, ? extends Collection<String>> configured,
            @Nullable String detectionStrategy) {
        this.beanFactory = beanFactory;
        this.detectionStrategy = detectionStrategy;
        this.configured = new TreeMap<>();
        configured.forEach((module, dependencies) -> this.configured.put(module, Set.copyOf(dependencies)));
    }

    /** Last, so that it sees the migrations and {@code depends-on} that other customizers add. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        ModulithScope test = ModulithScope.moduleTest(beanFactory);
        if (test != null) {
            customizeModuleTest(configuration, test);
            return;
        }
        Class<?> application = ModulithScope.applicationClass(beanFactory);
        if (application == null) {
            log.debug("No @SpringBootApplication to find Spring Modulith modules from; module depends-on stays as configured");
            return;
        }
        configuration.dependsOnFrom(new ModulithDependsOn(SingletonSupplier.of(() -> ModulithScope.modules(application)), configured,
                () -> ModulithDependsOn.fingerprint(application, ModulithScope.factoryName(), detectionStrategy)));
    }

    /** A module test loads its modules anyway: the tested module, what its bootstrap mode includes, and modules outside Spring Modulith. */
    private void customizeModuleTest(FluentConfiguration configuration, ModulithScope test) {
        // Discovery only, no database: which modules have migrations, as the engine itself finds them.
        Set<String> withMigrations = configuration.load().modules();
        new ModulithDependsOn(test::modules, configured, () -> null).dependsOn(withMigrations)
                .forEach((module, dependencies) -> configuration.dependsOn(module, dependencies.toArray(String[]::new)));
        Map<String, ApplicationModule> applicationModules = ModulithDependsOn.byName(test.modules(), withMigrations);
        Set<String> started = new TreeSet<>();
        withMigrations.stream()
                .filter(module -> !applicationModules.containsKey(module) || test.started().test(applicationModules.get(module)))
                .forEach(started::add);
        configuration.modules(started);
        log.info("Module test of {}: migrating only modules {}", test.tested().getIdentifier(), started);
    }
}
