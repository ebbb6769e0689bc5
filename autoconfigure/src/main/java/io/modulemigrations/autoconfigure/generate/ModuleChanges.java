package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.catalog.ProofResult;
import io.modulemigrations.catalog.SchemaChange;
import io.modulemigrations.catalog.SchemaDiff;
import java.util.List;

/**
 * What {@link MigrationGenerator} found for one module: the changes from its migrations to its
 * entities, proven on the shadow database.
 *
 * @param module the module
 * @param diff   the changes; empty when the entities match the migrations
 * @param proof  up, down and up again on the shadow database; null when there was nothing to prove
 */
public record ModuleChanges(String module, SchemaDiff diff, ProofResult proof) {

    /** Whether the entities already match the migrations. */
    public boolean none() {
        return this.diff.isEmpty();
    }

    /** The steps of {@code up}, in order. */
    public List<SchemaChange> changes() {
        return this.diff.changes();
    }

    /** Whether a table or column is dropped while another is added: a rename shows up that way. */
    public boolean mayHideRename() {
        List<String> steps = changes().stream().map(SchemaChange::description).toList();
        return steps.stream().anyMatch(s -> s.startsWith("drop table ") || s.startsWith("drop column "))
                && steps.stream().anyMatch(s -> s.startsWith("create table ") || s.startsWith("add column "));
    }
}
