package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.MigrationException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables and sequences one module owns: those its migrations created, and those its entities
 * map that no other module's migrations created. Link tables belong to no module.
 */
final class ModuleTables {

    private ModuleTables() {
    }

    /**
     * @param owners     which module's migrations created each relation
     * @param linkTables tables kept by link sync
     * @throws MigrationException one of the module's entities maps a table another module owns
     */
    static Set<Relation> of(String module, ModuleEntities entities, EntityModel mapping, Map<Relation, String> owners,
            Collection<Relation> linkTables) {
        Set<Relation> owned = new TreeSet<>();
        owners.forEach((relation, owner) -> {
            if (owner.equals(module)) {
                owned.add(relation);
            }
        });
        for (Class<?> entity : entities.entities(module)) {
            Set<Relation> mapped = new TreeSet<>(mapping.tablesOf(entity));
            mapped.addAll(mapping.sequencesOf(entity));
            for (Relation relation : mapped) {
                String owner = owners.get(relation);
                if (owner != null && !owner.equals(module)) {
                    throw new MigrationException("Entity " + entity.getName() + " of module " + module + " maps " + relation
                            + ", which module " + owner + " owns (its migrations created it). Nothing was generated. Next: move the"
                            + " entity to module " + owner + " (its package, or module-migrations.modules." + owner
                            + ".packages), or map a table of " + module + "'s own.");
                }
                if (!linkTables.contains(relation)) {
                    owned.add(relation);
                }
            }
        }
        return owned;
    }
}
