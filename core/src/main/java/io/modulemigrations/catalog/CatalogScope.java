package io.modulemigrations.catalog;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link CatalogSnapshot} reads: one schema, all its tables or some, and optionally its
 * functions, views and triggers. Immutable; each method returns a new scope.
 *
 * <pre>{@code
 * CatalogScope.schema("public").tables(List.of("post", "author")).sequences(List.of("post_seq"))
 * CatalogScope.currentSchema().withRoutines()      // a whole schema, as db:verify compares it
 * }</pre>
 */
public final class CatalogScope {

    private final String schema;
    private final Set<String> tables;
    private final Set<String> sequences;
    private final boolean routines;

    private CatalogScope(String schema, Set<String> tables, Set<String> sequences, boolean routines) {
        this.schema = schema;
        this.tables = tables;
        this.sequences = sequences;
        this.routines = routines;
    }

    /**
     * Every table, sequence and enum type of a schema.
     *
     * @param schema the schema name as stored (case-sensitive)
     * @return the scope
     */
    public static CatalogScope schema(String schema) {
        return new CatalogScope(Objects.requireNonNull(schema, "schema"), null, Set.of(), false);
    }

    /**
     * Every table, sequence and enum type of the connection's current schema.
     *
     * @return the scope
     */
    public static CatalogScope currentSchema() {
        return new CatalogScope(null, null, Set.of(), false);
    }

    /**
     * Only these tables (names that do not exist are left out), the sequences their columns own,
     * the sequences named in {@link #sequences}, and the schema's enum types their columns use.
     *
     * @param names table names
     * @return the narrowed scope
     */
    public CatalogScope tables(Collection<String> names) {
        return new CatalogScope(schema, Set.copyOf(new TreeSet<>(names)), sequences, routines);
    }

    /**
     * Sequences to read besides those owned by the tables' columns, e.g. the ones behind
     * JPA {@code @SequenceGenerator}s; only meaningful with {@link #tables}.
     *
     * @param names sequence names
     * @return the scope with these sequences
     */
    public CatalogScope sequences(Collection<String> names) {
        return new CatalogScope(schema, tables, Set.copyOf(new TreeSet<>(names)), routines);
    }

    /**
     * Also the schema's functions and procedures, views and materialized views, the tables'
     * triggers, each known by its definition, and the extensions and text search configurations in the schema.
     *
     * @return the widened scope
     */
    public CatalogScope withRoutines() {
        return new CatalogScope(schema, tables, sequences, true);
    }

    /** The schema, or null for the connection's current schema. */
    String schemaName() {
        return schema;
    }

    /** The table names, or null for all. */
    Set<String> tableNames() {
        return tables;
    }

    Set<String> sequenceNames() {
        return sequences;
    }

    boolean routines() {
        return routines;
    }

    @Override
    public String toString() {
        return "schema " + (schema == null ? "(current)" : schema) + (tables == null ? ", all tables" : ", tables " + tables)
                + (sequences.isEmpty() ? "" : ", sequences " + sequences) + (routines ? ", with routines" : "");
    }
}
