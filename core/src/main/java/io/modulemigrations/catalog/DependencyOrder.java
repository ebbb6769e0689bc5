package io.modulemigrations.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Orders tables so that each comes after the tables its foreign keys reference. */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /**
     * Names in an order where every name comes after the names it depends on, ties broken by name;
     * names in a dependency cycle come last, by name.
     *
     * @param names the names to order
     * @param dependencies per name, the names it depends on (others are ignored)
     */
    static List<String> of(Collection<String> names, Map<String, Set<String>> dependencies) {
        Set<String> left = new TreeSet<>(names);
        List<String> ordered = new ArrayList<>();
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (String name : List.copyOf(left)) {
                Set<String> needs = new TreeSet<>(dependencies.getOrDefault(name, Set.of()));
                needs.remove(name);
                needs.retainAll(left);
                if (needs.isEmpty()) {
                    ordered.add(name);
                    left.remove(name);
                    progress = true;
                    break;
                }
            }
        }
        ordered.addAll(left);
        return ordered;
    }
}
