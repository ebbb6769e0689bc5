package io.modulemigrations.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Modules and their {@code depends-on} edges. A module runs after every module it depends on.
 * Built only from valid input: see {@link #problems}.
 */
public final class ModuleGraph {

    private final Map<String, Set<String>> dependsOn;

    private ModuleGraph(Map<String, Set<String>> dependsOn) {
        this.dependsOn = dependsOn;
    }

    /**
     * What is wrong with these declarations: dependencies on modules that do not exist, and cycles.
     * Empty when {@link #of} will succeed.
     */
    public static List<String> problems(Set<String> modules, Map<String, ? extends Set<String>> declared) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ? extends Set<String>> declaration : new TreeMap<>(declared).entrySet()) {
            String module = declaration.getKey();
            if (!modules.contains(module)) {
                problems.add("module '" + module + "' declares depends-on " + declaration.getValue() + " but has no migrations; known modules: " + String.join(", ", new TreeSet<>(modules)));
            }
            for (String dep : new TreeSet<>(declaration.getValue())) {
                if (!modules.contains(dep)) {
                    problems.add("module '" + module + "' depends on '" + dep + "', which has no migrations; known modules: " + String.join(", ", new TreeSet<>(modules)));
                }
            }
        }
        if (problems.isEmpty()) {
            List<String> cycle = findCycle(modules, declared);
            if (!cycle.isEmpty()) {
                problems.add("modules depend on each other in a cycle: " + String.join(" -> ", cycle) + "; remove one of these depends-on");
            }
        }
        return problems;
    }

    public static ModuleGraph of(Set<String> modules, Map<String, ? extends Set<String>> declared) {
        List<String> problems = problems(modules, declared);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String module : modules) {
            Set<String> deps = declared.get(module);
            edges.put(module, deps == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(deps)));
        }
        return new ModuleGraph(edges);
    }

    public Set<String> modules() {
        return dependsOn.keySet();
    }

    public Set<String> dependenciesOf(String module) {
        return dependsOn.getOrDefault(module, Set.of());
    }

    /** Modules that depend on {@code module}, directly or through others, by name. */
    public Set<String> dependentsOf(String module) {
        Set<String> dependents = new TreeSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, Set<String>> e : dependsOn.entrySet()) {
                if (!dependents.contains(e.getKey()) && (e.getValue().contains(module) || e.getValue().stream().anyMatch(dependents::contains))) {
                    grew = dependents.add(e.getKey());
                }
            }
        }
        return Collections.unmodifiableSet(dependents);
    }

    /** Modules so that each comes after the modules it depends on; ties by name. */
    public List<String> order() {
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < dependsOn.size()) {
            for (Map.Entry<String, Set<String>> e : dependsOn.entrySet()) {
                if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) {
                    done.add(e.getKey());
                    order.add(e.getKey());
                    break;
                }
            }
        }
        return order;
    }

    private static List<String> findCycle(Set<String> modules, Map<String, ? extends Set<String>> declared) {
        Map<String, Integer> state = new TreeMap<>();
        for (String start : new TreeSet<>(modules)) {
            List<String> path = new ArrayList<>();
            if (visit(start, declared, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(String module, Map<String, ? extends Set<String>> declared, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(module);
        if (s != null && s == 2) {
            return false;
        }
        if (s != null && s == 1) {
            path.subList(0, path.indexOf(module)).clear();
            path.add(module);
            return true;
        }
        state.put(module, 1);
        path.add(module);
        Set<String> deps = declared.get(module);
        for (String dep : deps == null ? Set.<String>of() : new TreeSet<>(deps)) {
            if (visit(dep, declared, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(module, 2);
        return false;
    }
}
