package io.modulemigrations.catalog;

import java.util.List;

/**
 * The changes that turn one {@link CatalogSnapshot} into another, and the SQL for both ways.
 *
 * <p>Both snapshots should cover the same tables (e.g. one module's): the diff only ever names
 * tables, sequences and enum types of its two snapshots, so tables outside them are never touched
 * (foreign keys may reference them). A renamed table or column cannot be told from a drop and an
 * add, and is written as such. Functions, views and triggers are compared but not written: a diff
 * between snapshots that differ there is refused.
 *
 * <pre>{@code
 * SchemaDiff diff = SchemaDiff.between(current, target);
 * String up = diff.upSql();      // current -> target
 * String down = diff.downSql();  // target -> current
 * }</pre>
 */
public final class SchemaDiff {

    private final CatalogSnapshot from;
    private final CatalogSnapshot to;
    private final List<SchemaChange> changes;

    private SchemaDiff(CatalogSnapshot from, CatalogSnapshot to) {
        this.from = from;
        this.to = to;
        this.changes = ChangePlanner.plan(from, to);
    }

    /**
     * Computes the changes from one snapshot to another.
     *
     * @param from the current state
     * @param to the target state
     * @return the diff
     * @throws IllegalArgumentException if functions, views or triggers differ
     */
    public static SchemaDiff between(CatalogSnapshot from, CatalogSnapshot to) {
        return new SchemaDiff(from, to);
    }

    /**
     * The steps from {@code from} to {@code to}, in the order they must run.
     *
     * @return the steps; empty when nothing differs
     */
    public List<SchemaChange> changes() {
        return changes;
    }

    /**
     * Tells whether the snapshots need no change.
     *
     * @return true when there is nothing to do
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * The steps that can lose data or fail on existing rows.
     *
     * @return the unsafe steps of {@link #changes()}
     */
    public List<SchemaChange> unsafeChanges() {
        return changes.stream().filter(SchemaChange::unsafe).toList();
    }

    /**
     * The diff the other way, from {@code to} back to {@code from}.
     *
     * @return the reverse diff
     */
    public SchemaDiff reverse() {
        return new SchemaDiff(to, from);
    }

    /**
     * The SQL from {@code from} to {@code to}: one statement per line (a new table's
     * {@code create table} over several), each unsafe one preceded by {@code -- UNSAFE: <reason>}.
     *
     * @return the SQL, empty when nothing differs
     */
    public String upSql() {
        StringBuilder sql = new StringBuilder();
        changes.forEach(change -> sql.append(change.render()).append('\n'));
        return sql.toString();
    }

    /**
     * The SQL from {@code to} back to {@code from}, written like {@link #upSql()}.
     *
     * @return the SQL, empty when nothing differs
     */
    public String downSql() {
        return reverse().upSql();
    }
}
