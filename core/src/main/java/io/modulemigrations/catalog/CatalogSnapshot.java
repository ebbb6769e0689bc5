package io.modulemigrations.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code pg_catalog} says about the tables of one schema (or some of them): columns with
 * types, nullability, defaults, identity and generation; primary keys, unique, foreign key, check
 * and exclusion constraints; indexes; the sequences and enum types they use; optionally functions,
 * views and triggers. Immutable; two snapshots of the same schema are {@link #equals equal}.
 *
 * <p>{@link #lines()} renders one line per fact, in a fixed order, so two snapshots can be
 * compared and shown line by line ({@link #differenceFrom}).
 */
public final class CatalogSnapshot {

    private final String schema;
    private final List<EnumType> enums;
    private final List<Sequence> sequences;
    private final List<Table> tables;
    private final List<Definition> routines;

    CatalogSnapshot(String schema, List<EnumType> enums, List<Sequence> sequences, List<Table> tables, List<Definition> routines) {
        this.schema = schema;
        this.enums = sorted(enums, EnumType::name);
        this.sequences = sorted(sequences, Sequence::name);
        this.tables = sorted(tables, Table::name);
        this.routines = routines.stream()
                .sorted(Comparator.comparing(Definition::kind).thenComparing(Definition::name)).toList();
    }

    /**
     * Reads a snapshot in one read-only transaction. Names in definitions and types are written as
     * seen from the snapshot's schema: unqualified in it, qualified in any other.
     *
     * @param connection an open connection; its auto-commit setting is restored afterwards. In an open
     *                   transaction, the snapshot sees that transaction's own changes and leaves it as it was
     * @param scope what to read
     * @return the snapshot
     * @throws SQLException if the catalog cannot be read, or the schema does not exist
     */
    public static CatalogSnapshot read(Connection connection, CatalogScope scope) throws SQLException {
        return new CatalogReader(connection, scope).read();
    }

    /**
     * The schema read.
     *
     * @return the schema name
     */
    public String schema() {
        return schema;
    }

    /**
     * The tables in the snapshot.
     *
     * @return their names, sorted
     */
    public Set<String> tableNames() {
        Set<String> names = new TreeSet<>();
        tables.forEach(t -> names.add(t.name()));
        return names;
    }

    /**
     * One line per fact, column order included; see {@link #lines(ColumnOrder)}.
     *
     * @return the lines
     */
    public List<String> lines() {
        return lines(ColumnOrder.SIGNIFICANT);
    }

    /**
     * One human-readable line per fact: enum types, sequences, then per table (by name) the table,
     * its columns, its column order (when significant), its constraints and its indexes; then
     * functions, triggers and views. For example
     * {@code table post column title varchar(200) not null default 'x'::character varying}.
     *
     * @param order whether to list columns in table order with a {@code columns} line, or by name
     * @return the lines
     */
    public List<String> lines(ColumnOrder order) {
        List<String> lines = new ArrayList<>();
        enums.forEach(e -> lines.add("enum " + Sql.name(e.name()) + " (" + e.labelList() + ")"));
        sequences.forEach(s -> lines.add("sequence " + Sql.name(s.name()) + " " + s.options().describe() + " owned by " + s.ownedBy()));
        for (Table table : tables) {
            String prefix = "table " + Sql.name(table.name());
            lines.add(prefix + (table.partitionBy() == null ? "" : " partition by " + table.partitionBy()));
            List<Column> columns = order == ColumnOrder.SIGNIFICANT ? table.columns() : sorted(table.columns(), Column::name);
            columns.forEach(c -> lines.add(prefix + " column " + c.describe()));
            if (order == ColumnOrder.SIGNIFICANT) {
                lines.add(prefix + " columns " + Sql.names(table.columns().stream().map(Column::name).toList()));
            }
            table.constraints().forEach(c -> lines.add(prefix + " constraint " + Sql.name(c.name()) + " " + c.definition()));
            table.indexes().forEach(i -> lines.add(prefix + " index " + i.describe()));
        }
        routines.forEach(r -> lines.add(r.line()));
        return lines;
    }

    /**
     * How this (actual) snapshot differs from an expected one.
     *
     * @param expected the snapshot this one should equal
     * @param order whether column order counts
     * @return the differing lines, each in the order of its snapshot; empty when they agree
     */
    public LineDifference differenceFrom(CatalogSnapshot expected, ColumnOrder order) {
        List<String> actualLines = lines(order);
        List<String> expectedLines = expected.lines(order);
        return new LineDifference(without(expectedLines, actualLines), without(actualLines, expectedLines));
    }

    List<EnumType> enums() {
        return enums;
    }

    List<Sequence> sequences() {
        return sequences;
    }

    List<Table> tables() {
        return tables;
    }

    List<Definition> routines() {
        return routines;
    }

    Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    Optional<Sequence> sequence(String name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    Optional<EnumType> enumType(String name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Every line of {@code lines} not matched by an equal line of {@code others}, counting repeats. */
    private static List<String> without(List<String> lines, List<String> others) {
        Map<String, Integer> available = new HashMap<>();
        others.forEach(line -> available.merge(line, 1, Integer::sum));
        List<String> left = new ArrayList<>();
        for (String line : lines) {
            if (available.getOrDefault(line, 0) > 0) {
                available.merge(line, -1, Integer::sum);
            } else {
                left.add(line);
            }
        }
        return left;
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name)).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CatalogSnapshot that && schema.equals(that.schema) && enums.equals(that.enums)
                && sequences.equals(that.sequences) && tables.equals(that.tables) && routines.equals(that.routines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, enums, sequences, tables, routines);
    }

    /** The snapshot's lines, one per line of text. */
    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
