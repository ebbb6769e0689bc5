package io.modulemigrations.autoconfigure.modulith;

import io.modulemigrations.DependsOnSource;
import io.modulemigrations.module.ModuleGraph;
import io.modulemigrations.sql.ArchiveFingerprint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.ModulithMetadata;

/**
 * {@code depends-on} from Spring Modulith's application modules: a module with migrations that is not configured in
 * {@code module-migrations.modules} depends on the nearest modules with migrations that its application module
 * depends on (looking through application modules without migrations). The application modules are read (an ArchUnit
 * import of the application's classes, seconds in a large application) only when the migrations are discovered, which
 * a restart of unchanged code on an unchanged history does not do (see {@link #fingerprint(Class, String, String)}).
 */
final class ModulithDependsOn implements DependsOnSource {

    private static final Logger log = LoggerFactory.getLogger(ModulithModuleMigrationsCustomizer.class);

    /** {@link ModulithScope#factoryName()} of Spring Modulith's own factory. */
    static final String DEFAULT_FACTORY = "default";

    private final Supplier<ApplicationModules> modules;
    private final Map<String, Set<String>> configured;
    private final Supplier<@Nullable String> fingerprint;

    /**
     * @param modules     the application modules, read when first asked
     * @param configured  the {@code depends-on} configured in properties, by module; these modules are left as configured
     * @param fingerprint what the application modules are read from, or null when unknown; asked for by the first
     *        operation, not when the engine's bean is made (it reads the jar's directory)
     */
    ModulithDependsOn(Supplier<ApplicationModules> modules, Map<String, Set<String>> configured, Supplier<@Nullable String> fingerprint) {
        this.modules = modules;
        this.configured = configured;
        this.fingerprint = fingerprint;
    }

    /**
     * What the application modules of {@code application} are read from, with the detection strategy Spring Modulith
     * reads from the environment: a Spring Boot jar ({@code BOOT-INF/classes} and {@code BOOT-INF/lib} in one directory
     * of CRCs), or, with Spring Modulith's own factory on a class path (Spring Boot's extracted or exploded layouts, an
     * IDE), the jars and directories that hold the application's base packages and Spring Modulith's own jar. Null with a
     * factory of the application's own outside a Spring Boot jar: then every start reads them.
     *
     * @param detectionStrategy {@code spring.modulith.detection-strategy} as the application's environment has it, or null
     */
    static @Nullable String fingerprint(Class<?> application, String factory, @Nullable String detectionStrategy) {
        ClassLoader loader = application.getClassLoader();
        URL type = loader == null ? null : loader.getResource(application.getName().replace('.', '/') + ".class");
        if (type == null) {
            return null;
        }
        String found = fingerprint(type, application.getName(), factory);
        if (found == null && DEFAULT_FACTORY.equals(factory)) {
            try {
                found = fingerprint(loader, type, application.getName(), ModulithMetadata.of(application).getBasePackages());
            } catch (IllegalArgumentException e) {  // neither @Modulithic nor @SpringBootApplication: Spring Modulith reads it some other way
                return null;
            }
        }
        return found == null ? null : found + " detection-strategy " + detectionStrategy;
    }

    /** The part of {@link #fingerprint(Class, String, String)} for an application class found at {@code type} in a Spring Boot jar. */
    static @Nullable String fingerprint(URL type, String application, String factory) {
        if (!"jar".equals(type.getProtocol()) || !type.getPath().startsWith("nested:")) {
            return null;
        }
        String archive = ArchiveFingerprint.of(type);
        return archive == null ? null : application + " " + factory + " " + archive;
    }

    /**
     * The part of {@link #fingerprint(Class, String, String)} for an application class found at {@code type} on a class
     * path, which Spring Modulith's factory reads the modules from: the classes of {@code basePackages}, in whichever
     * jars ({@link ArchiveFingerprint their directory}) and directories (every file's path and CRC-32, read) hold them,
     * and Spring Modulith's jar. Null when the package look-up misses the application's own root (a jar written without
     * directory entries, whose like among the libraries the look-up would miss too) or a root cannot be read.
     */
    static @Nullable String fingerprint(ClassLoader loader, URL type, String application, List<String> basePackages) {
        Map<String, URL> roots = new LinkedHashMap<>();
        try {
            for (String basePackage : basePackages) {
                for (URL root : Collections.list(loader.getResources(basePackage.replace('.', '/') + "/"))) {
                    roots.putIfAbsent(root.toExternalForm(), root);
                }
            }
        } catch (IOException e) {
            return null;
        }
        String found = type.toExternalForm();
        if (roots.keySet().stream().noneMatch(found::startsWith)) {
            return null;
        }
        URL modulithJar = ApplicationModules.class.getResource("ApplicationModules.class");
        String modulith = modulithJar == null ? null : ArchiveFingerprint.of(modulithJar);
        if (modulith == null) {
            return null;
        }
        StringBuilder fingerprint = new StringBuilder(application).append(' ').append(DEFAULT_FACTORY).append(" modulith ").append(modulith);
        for (URL root : roots.values()) {
            String one = "file".equals(root.getProtocol()) ? files(root) : ArchiveFingerprint.of(root);
            if (one == null) {
                return null;
            }
            fingerprint.append(' ').append(one);
        }
        return fingerprint.toString();
    }

    /** Every file below the directory {@code root} names, by its path and CRC-32 (read), hashed; null when one cannot be read. */
    private static @Nullable String files(URL root) {
        try {
            Path dir = Path.of(root.toURI());
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            CRC32 all = new CRC32();
            for (Path file : files) {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(file));
                all.update((dir.relativize(file) + " " + crc.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return "files:" + files.size() + ":" + Long.toHexString(all.getValue());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public @Nullable String fingerprint() {
        return fingerprint.get();
    }

    @Override
    public Map<String, Set<String>> dependsOn(Set<String> withMigrations) {
        ApplicationModules modulith = modules.get();
        Map<String, ApplicationModule> applicationModules = byName(modulith, withMigrations);
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
                Set<String> dependencies = nearestWithMigrations(applicationModule, modulith, withMigrations);
                if (!dependencies.isEmpty()) {
                    derived.put(module, dependencies);
                }
            }
        }
        checkAcyclic(withMigrations, derived);
        log.info("Module depends-on from Spring Modulith: {}", derived.isEmpty() ? "none" : derived);
        return derived;
    }

    // Two application modules may map to one name as long as that name has no migrations.
    static Map<String, ApplicationModule> byName(ApplicationModules modules, Set<String> withMigrations) {
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
