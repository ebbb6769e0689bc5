package io.modulemigrations.autoconfigure.generate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which module each JPA entity belongs to. By default the module is the first package segment below
 * the application's package ({@code com.acme.shop.blog.Post} is {@code blog} when the application
 * lives in {@code com.acme.shop}), the convention Spring Modulith uses;
 * {@code module-migrations.modules.<m>.packages} overrides it, the most specific package winning.
 */
public final class ModuleEntities {

    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Map<String, List<Class<?>>> byModule;
    private final List<Class<?>> unassigned;
    private final String applicationPackage;
    private final Map<String, List<String>> packagesByModule;

    private ModuleEntities(Map<String, List<Class<?>>> byModule, List<Class<?>> unassigned, String applicationPackage,
            Map<String, List<String>> packagesByModule) {
        this.byModule = byModule;
        this.unassigned = unassigned;
        this.applicationPackage = applicationPackage;
        this.packagesByModule = packagesByModule;
    }

    /**
     * @param entities           the application's {@code @Entity} classes
     * @param applicationPackage the package of the {@code @SpringBootApplication} class
     * @param packagesByModule   explicit packages per module ({@code modules.<m>.packages})
     */
    public static ModuleEntities of(Collection<Class<?>> entities, String applicationPackage,
            Map<String, List<String>> packagesByModule) {
        return of(entities, applicationPackage, packagesByModule, entity -> null);
    }

    /**
     * @param entities           the application's {@code @Entity} classes
     * @param applicationPackage the package of the {@code @SpringBootApplication} class
     * @param packagesByModule   explicit packages per module ({@code modules.<m>.packages}), which win
     * @param resolver           the module of an entity no explicit package names (Spring Modulith), before the convention
     */
    public static ModuleEntities of(Collection<Class<?>> entities, String applicationPackage,
            Map<String, List<String>> packagesByModule, EntityModuleResolver resolver) {
        Map<String, List<Class<?>>> byModule = new TreeMap<>();
        List<Class<?>> unassigned = new ArrayList<>();
        for (Class<?> entity : entities.stream().sorted(Comparator.comparing(Class::getName)).toList()) {
            String module = explicitModule(entity.getPackageName(), packagesByModule);
            if (module == null) {
                module = resolver.moduleOf(entity);
            }
            if (module == null) {
                module = conventionalModule(entity.getPackageName(), applicationPackage);
            }
            if (module == null) {
                unassigned.add(entity);
            } else {
                byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(entity);
            }
        }
        return new ModuleEntities(byModule, List.copyOf(unassigned), applicationPackage, Map.copyOf(packagesByModule));
    }

    /** Modules that have at least one entity, by name. */
    public Set<String> modules() {
        return this.byModule.keySet();
    }

    /** The module's entities, by class name (empty for a module without entities). */
    public List<Class<?>> entities(String module) {
        return this.byModule.getOrDefault(module, List.of());
    }

    /** Every entity that belongs to a module. */
    public List<Class<?>> all() {
        return this.byModule.values().stream().flatMap(List::stream).toList();
    }

    /** The module an entity belongs to, or null. */
    public String moduleOf(Class<?> entity) {
        return this.byModule.entrySet().stream().filter(e -> e.getValue().contains(entity)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /**
     * Entities that belong to no module: they sit in the application's package itself or outside it,
     * or below it in a package whose name is not a module name, and no {@code packages} setting names them.
     */
    public List<Class<?>> unassigned() {
        return this.unassigned;
    }

    /**
     * The module's package: the first of its {@code packages} setting, else the one named like it below
     * the application's package; null when neither is known.
     */
    public String packageOf(String module) {
        List<String> explicit = this.packagesByModule.getOrDefault(module, List.of());
        if (!explicit.isEmpty()) {
            return explicit.get(0);
        }
        if (this.applicationPackage == null) {
            return null;
        }
        return this.applicationPackage.isEmpty() ? module : this.applicationPackage + "." + module;
    }

    private static String explicitModule(String entityPackage, Map<String, List<String>> packagesByModule) {
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, List<String>> e : packagesByModule.entrySet()) {
            for (String p : e.getValue()) {
                if (within(entityPackage, p) && p.length() > bestLength) {
                    best = e.getKey();
                    bestLength = p.length();
                }
            }
        }
        return best;
    }

    private static String conventionalModule(String entityPackage, String applicationPackage) {
        if (applicationPackage == null || entityPackage.equals(applicationPackage) || !within(entityPackage, applicationPackage)) {
            return null;
        }
        String rest = applicationPackage.isEmpty() ? entityPackage : entityPackage.substring(applicationPackage.length() + 1);
        int dot = rest.indexOf('.');
        String segment = dot < 0 ? rest : rest.substring(0, dot);
        return MODULE_NAME.matcher(segment).matches() ? segment : null;
    }

    private static boolean within(String pkg, String base) {
        return base.isEmpty() || pkg.equals(base) || pkg.startsWith(base + ".");
    }
}
