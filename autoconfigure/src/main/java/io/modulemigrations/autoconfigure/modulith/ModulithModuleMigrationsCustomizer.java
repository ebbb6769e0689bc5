package io.modulemigrations.autoconfigure.modulith;

import org.jspecify.annotations.Nullable;
import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.autoconfigure.ModuleMigrationsConfigurationCustomizer;
import io.modulemigrations.module.ModuleGraph;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Makes Spring Modulith's application modules the migration modules: a module with migrations that is not configured
 * in {@code module-migrations.modules} depends on the nearest modules with migrations that its application module
 * depends on (looking through application modules without migrations), and in an {@code @ApplicationModuleTest} only
 * the started modules are loaded. Modules with migrations that are no application module keep their configured
 * {@code depends-on} and always migrate.
 */
final class ModulithModuleMigrationsCustomizer implements ModuleMigrationsConfigurationCustomizer, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ModulithModuleMigrationsCustomizer.class);

    private final Supplier<@Nullable ModulithScope> scope;
    private final Map<String, Set<String>> configured;

    /**
     * @param scope      the application modules and which are started ({@code null} when none are known)
     * @param configured the {@code depends-on} configured in properties, by module; these modules are left as configured
     */
    ModulithModuleMigrationsCustomizer(Supplier<@Nullable ModulithScope> scope, Map<String, ? extends Collection<String>> configured) {
        this.scope = scope;
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
        ModulithScope modulith = scope.get();
        if (modulith == null) {
            log.debug("No @SpringBootApplication to find Spring Modulith modules from; module depends-on stays as configured");
            return;
        }
        // Discovery only, no database: which modules have migrations, as the engine itself finds them.
        Set<String> withMigrations = configuration.load().modules();
        Map<String, ApplicationModule> applicationModules = byName(modulith.modules(), withMigrations);
        Set<String> unrelated = new TreeSet<>(withMigrations);
        unrelated.removeAll(applicationModules.keySet());
        unrelated.removeAll(configured.keySet());
        if (!unrelated.isEmpty()) {
            log.warn("Module(s) {} have migrations but are no Spring Modulith application module (those are: {}); they migrate "
                    + "without depends-on and in every module test. Rename their folders after an application module, or declare "
                    + "module-migrations.modules.<module>.depends-on for them to say what they run after",
                    unrelated, new TreeSet<>(applicationModules.keySet()));
        }
        Map<String, Set<String>> derived = new TreeMap<>();
        for (String module : withMigrations) {
            ApplicationModule applicationModule = applicationModules.get(module);
            if (applicationModule != null && !configured.containsKey(module)) {
                Set<String> dependencies = nearestWithMigrations(applicationModule, modulith.modules(), withMigrations);
                if (!dependencies.isEmpty()) {
                    derived.put(module, dependencies);
                }
            }
        }
        checkAcyclic(withMigrations, derived);
        derived.forEach((module, dependencies) -> configuration.dependsOn(module, dependencies.toArray(String[]::new)));
        log.info("Module depends-on from Spring Modulith: {}", derived.isEmpty() ? "none" : derived);
        if (modulith.tested() != null) {
            Set<String> started = new TreeSet<>();
            withMigrations.stream()
                    .filter(module -> !applicationModules.containsKey(module) || modulith.started().test(applicationModules.get(module)))
                    .forEach(started::add);
            configuration.modules(started);
            log.info("Module test of {}: migrating only modules {}", modulith.tested().getIdentifier(), started);
        }
    }

    // Two application modules may map to one name as long as that name has no migrations.
    private static Map<String, ApplicationModule> byName(ApplicationModules modules, Set<String> withMigrations) {
        Map<String, ApplicationModule> byName = new LinkedHashMap<>();
        modules.stream().filter(module -> !module.isRootModule()).forEach(module -> {
            String name = ModulithModuleNames.of(module.getIdentifier());
            ApplicationModule other = byName.putIfAbsent(name, module);
            if (other != null && withMigrations.contains(name)) {
                throw new IllegalStateException("Spring Modulith modules '" + other.getIdentifier() + "' and '"
                        + module.getIdentifier() + "' both map to migration module '" + name + "', which has migrations;"
                        + " give one of them another identifier (@ApplicationModule(id = ...)) or set"
                        + " module-migrations.modulith.enabled=false. Nothing was migrated.");
            }
        });
        return byName;
    }

    // Through application modules without migrations, so that their dependencies still order the ones with migrations.
    private static Set<String> nearestWithMigrations(ApplicationModule module, ApplicationModules modules, Set<String> withMigrations) {
        Set<String> nearest = new TreeSet<>();
        Set<ApplicationModule> seen = new HashSet<>(List.of(module));
        Deque<ApplicationModule> next = new ArrayDeque<>(directDependencies(module, modules));
        while (!next.isEmpty()) {
            ApplicationModule dependency = next.pop();
            if (!seen.add(dependency)) {
                continue;
            }
            String name = ModulithModuleNames.of(dependency.getIdentifier());
            if (withMigrations.contains(name)) {
                nearest.add(name);
            } else {
                next.addAll(directDependencies(dependency, modules));
            }
        }
        return nearest;
    }

    private static List<ApplicationModule> directDependencies(ApplicationModule module, ApplicationModules modules) {
        return module.getDirectDependencies(modules).uniqueModules().filter(it -> !it.isRootModule()).toList();
    }

    // Other problems of configured depends-on are the engine's to report, as without Spring Modulith.
    private void checkAcyclic(Set<String> modules, Map<String, Set<String>> derived) {
        Map<String, Set<String>> all = new TreeMap<>(derived);
        configured.forEach((module, dependencies) -> {
            if (modules.contains(module)) {
                Set<String> known = new TreeSet<>(dependencies);
                known.retainAll(modules);
                all.put(module, known);
            }
        });
        List<String> cycles = ModuleGraph.problems(modules, all);
        if (!cycles.isEmpty()) {
            throw new IllegalStateException("Spring Modulith's module dependencies give no migration order: " + String.join("; ", cycles)
                    + " (depends-on derived from Spring Modulith: " + derived + "). Declare module-migrations.modules.<module>.depends-on"
                    + " for one of these modules: a configured depends-on replaces the derived one. Nothing was migrated.");
        }
    }
}
