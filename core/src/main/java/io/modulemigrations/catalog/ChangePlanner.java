package io.modulemigrations.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Works out the statements that turn one snapshot into another, in an order PostgreSQL accepts:
 * first what goes away (foreign keys, other constraints, indexes, columns, tables), then what
 * comes (enum types, sequences, tables, columns, column changes, keys, foreign keys, indexes,
 * checks), and last the sequences and enum types nothing uses any more.
 */
final class ChangePlanner {

    private final CatalogSnapshot from;
    private final CatalogSnapshot to;
    private final List<SchemaChange> changes = new ArrayList<>();
    private final Set<String> dropped = new TreeSet<>();
    private final Set<String> created = new TreeSet<>();
    private final Set<String> kept = new TreeSet<>();
    /** Per kept table, columns whose generation changes: dropped and added again. */
    private final Map<String, Set<String>> replaced = new HashMap<>();
    /**
     * Sequences whose name an identity column's sequence holds or takes: they are created or
     * dropped with that column's change, not in the sequence steps.
     */
    private final Set<String> sequencesAtIdentity = new HashSet<>();
    /** Sequences detached from their owning column before it goes away. */
    private final Set<String> detached = new HashSet<>();
    /** Foreign keys of new tables that reference a table created after them: added at the end. */
    private final List<ForeignKeyOf> deferredForeignKeys = new ArrayList<>();

    private ChangePlanner(CatalogSnapshot from, CatalogSnapshot to) {
        this.from = from;
        this.to = to;
        for (Table table : from.tables()) {
            Table target = to.table(table.name()).orElse(null);
            (target != null && Objects.equals(table.partitionBy(), target.partitionBy()) ? kept : dropped).add(table.name());
        }
        // a table that gains, loses or changes its partition key is dropped and created again
        to.tables().stream().filter(t -> !kept.contains(t.name())).forEach(t -> created.add(t.name()));
        for (String name : kept) {
            for (Column column : after(name).columns()) {
                before(name).column(column.name()).ifPresent(old -> compareColumn(name, old, column));
            }
        }
    }

    /** Notes a column whose generation changes, and a sequence whose name passes to or from its identity. */
    private void compareColumn(String table, Column old, Column column) {
        if (!Objects.equals(old.generated(), column.generated()) || old.generated() != null && old.stored() != column.stored()) {
            replaced.computeIfAbsent(table, n -> new HashSet<>()).add(column.name());
        }
        if (old.identity() == null && column.identity() != null && from.sequence(column.identity().sequence()).isPresent()
                && to.sequence(column.identity().sequence()).isEmpty()) {
            sequencesAtIdentity.add(column.identity().sequence()); // e.g. serial to identity: the serial's sequence goes first
        }
        if (old.identity() != null && column.identity() == null && to.sequence(old.identity().sequence()).isPresent()
                && from.sequence(old.identity().sequence()).isEmpty()) {
            sequencesAtIdentity.add(old.identity().sequence()); // e.g. identity to serial: the identity's sequence goes first
        }
    }

    static List<SchemaChange> plan(CatalogSnapshot from, CatalogSnapshot to) {
        requireSameRoutines(from, to);
        ChangePlanner planner = new ChangePlanner(from, to);
        planner.releaseSequencesFromVanishingOwners();
        planner.dropConstraints(Set.of(ConstraintKind.FOREIGN_KEY));
        planner.dropConstraints(Set.of(ConstraintKind.CHECK, ConstraintKind.EXCLUSION));
        planner.dropConstraints(Set.of(ConstraintKind.UNIQUE));
        planner.dropConstraints(Set.of(ConstraintKind.PRIMARY_KEY));
        planner.dropIndexes();
        planner.dropColumns();
        planner.dropTables();
        planner.createAndChangeEnums();
        planner.createSequences();
        planner.createTables();
        planner.addColumns();
        planner.alterColumns();
        planner.addConstraints(Set.of(ConstraintKind.PRIMARY_KEY));
        planner.addConstraints(Set.of(ConstraintKind.UNIQUE));
        planner.addConstraints(Set.of(ConstraintKind.FOREIGN_KEY));
        planner.addDeferredForeignKeys();
        planner.createIndexes();
        planner.addConstraints(Set.of(ConstraintKind.CHECK, ConstraintKind.EXCLUSION));
        planner.alterSequences();
        planner.dropSequences();
        planner.dropEnums();
        return List.copyOf(planner.changes);
    }

    private static void requireSameRoutines(CatalogSnapshot from, CatalogSnapshot to) {
        if (!from.routines().equals(to.routines())) {
            Set<String> differing = new TreeSet<>();
            from.routines().stream().filter(r -> !to.routines().contains(r)).forEach(r -> differing.add(r.kind() + " " + r.name()));
            to.routines().stream().filter(r -> !from.routines().contains(r)).forEach(r -> differing.add(r.kind() + " " + r.name()));
            throw new IllegalArgumentException("A schema diff covers tables, columns, constraints, indexes, sequences and enum"
                    + " types only; these differ and must be written by hand: " + String.join(", ", differing));
        }
    }

    // ---- what goes away ----

    /**
     * A sequence whose owning column goes away would go with it, so it is detached first (and
     * owned again at the end if it should be); one that loses its owner is detached here too.
     */
    private void releaseSequencesFromVanishingOwners() {
        for (Sequence old : from.sequences()) {
            Sequence target = to.sequence(old.name()).orElse(null);
            if (target != null && old.ownedByTable() != null
                    && (target.ownedByTable() == null || columnVanishes(old.ownedByTable(), old.ownedByColumn()))) {
                detached.add(old.name());
                add(SchemaChange.safe("detach sequence " + old.name() + " from " + old.ownedBy(),
                        "alter sequence " + Sql.name(old.name()) + " owned by none;"));
            }
        }
    }

    private void dropConstraints(Set<ConstraintKind> kinds) {
        for (String name : kept) {
            for (Constraint old : before(name).constraints()) {
                if (kinds.contains(old.kind()) && !after(name).constraints().contains(old)) {
                    add(SchemaChange.safe("drop " + old.kind().words() + " " + old.name() + " on " + name,
                            alter(name) + " drop constraint " + Sql.name(old.name()) + ";"));
                }
            }
        }
    }

    private void dropIndexes() {
        for (String name : kept) {
            for (Index old : before(name).indexes()) {
                if (!after(name).indexes().contains(old)) {
                    add(SchemaChange.safe("drop index " + old.name() + " on " + name, "drop index " + Sql.name(old.name()) + ";"));
                }
            }
        }
    }

    private void dropColumns() {
        for (String name : kept) {
            for (Column old : before(name).columns()) {
                boolean gone = after(name).column(old.name()).isEmpty();
                if (gone || isReplaced(name, old.name())) {
                    String what = name + "." + old.name();
                    String statement = alter(name) + " drop column " + Sql.name(old.name()) + ";";
                    add(old.generated() != null
                            ? SchemaChange.safe("drop generated column " + what + (gone ? "" : " (added again below)"), statement)
                            : SchemaChange.unsafe("drop column " + what, statement, "drops column " + what + " and its values"));
                }
            }
        }
    }

    private void dropTables() {
        List<String> order = new ArrayList<>(DependencyOrder.of(dropped, references(from, dropped)));
        Collections.reverse(order);
        for (int i = 0; i < order.size(); i++) {
            Table table = before(order.get(i));
            for (Constraint fk : foreignKeys(table)) {
                int target = order.indexOf(fk.referencedTable());
                if (target >= 0 && target < i) { // a cycle: the referenced table goes first
                    add(SchemaChange.safe("drop foreign key " + fk.name() + " on " + table.name(),
                            alter(table.name()) + " drop constraint " + Sql.name(fk.name()) + ";"));
                }
            }
        }
        for (String name : order) {
            add(SchemaChange.unsafe("drop table " + name, "drop table " + Sql.name(name) + ";",
                    "drops table " + name + " and all its rows"));
        }
    }

    // ---- what comes ----

    private void createAndChangeEnums() {
        for (EnumType type : to.enums()) {
            EnumType old = from.enumType(type.name()).orElse(null);
            if (old == null) {
                add(SchemaChange.safe("create type " + type.name(), type.createStatement()));
            } else if (!old.labels().equals(type.labels())) {
                if (isOrderedSubset(old.labels(), type.labels())) {
                    addEnumLabels(old, type);
                } else {
                    recreateEnum(old, type);
                }
            }
        }
    }

    private void addEnumLabels(EnumType old, EnumType type) {
        List<String> labels = type.labels();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (!old.labels().contains(label)) {
                String position = i > 0 ? " after " + Sql.literal(labels.get(i - 1))
                        : labels.size() > 1 ? " before " + Sql.literal(labels.get(1)) : "";
                add(SchemaChange.safe("add value " + Sql.literal(label) + " to type " + type.name(),
                        "alter type " + Sql.name(type.name()) + " add value " + Sql.literal(label) + position + ";"));
            }
        }
    }

    /**
     * Labels cannot be removed or reordered in place: the old type is renamed, the new one
     * created, every column of the kept tables moved to it through text, and the old type dropped.
     */
    private void recreateEnum(EnumType old, EnumType type) {
        String name = Sql.name(type.name());
        String oldName = Sql.name(type.name() + "_old");
        List<String> removed = old.labels().stream().filter(l -> !type.labels().contains(l)).toList();
        String reason = removed.isEmpty() ? null : "fails if a column holds a label of " + type.name() + " that goes away: "
                + String.join(", ", removed.stream().map(Sql::literal).toList());
        add(SchemaChange.safe("rename type " + type.name() + " to " + type.name() + "_old", "alter type " + name + " rename to " + oldName + ";"));
        add(SchemaChange.safe("create type " + type.name(), type.createStatement()));
        for (String table : kept) {
            for (Column column : before(table).columns()) {
                boolean array = column.type().equals(name + "[]");
                if (!(column.type().equals(name) || array) || columnVanishes(table, column.name())) {
                    continue;
                }
                String alterColumn = alter(table) + " alter column " + Sql.name(column.name());
                if (column.defaultValue() != null) {
                    add(SchemaChange.safe("drop default of " + table + "." + column.name(), alterColumn + " drop default;"));
                }
                String statement = alterColumn + " type " + column.type() + " using " + Sql.name(column.name())
                        + (array ? "::text[]::" : "::text::") + column.type() + ";";
                add(new SchemaChange("move " + table + "." + column.name() + " to the new type " + type.name(), statement, reason));
                String restored = after(table).column(column.name()).map(Column::defaultValue).orElse(null);
                if (restored != null) {
                    add(SchemaChange.safe("set default of " + table + "." + column.name(), alterColumn + " set default " + restored + ";"));
                }
            }
        }
        add(SchemaChange.safe("drop type " + type.name() + "_old", "drop type " + oldName + ";"));
    }

    private void createSequences() {
        for (Sequence sequence : to.sequences()) {
            if (from.sequence(sequence.name()).isEmpty() && !sequencesAtIdentity.contains(sequence.name())) {
                add(SchemaChange.safe("create sequence " + sequence.name(), sequence.createStatement()));
            }
        }
    }

    private void createTables() {
        List<String> order = DependencyOrder.of(created, references(to, created));
        Set<String> available = new HashSet<>();
        for (String name : order) {
            available.add(name);
            Table table = after(name);
            Set<String> keyColumns = table.constraints().stream().filter(c -> c.kind() == ConstraintKind.PRIMARY_KEY)
                    .flatMap(c -> c.columns().stream()).collect(Collectors.toSet());
            Map<String, StringBuilder> columns = new java.util.LinkedHashMap<>();
            table.columns().forEach(c -> columns.put(c.name(), new StringBuilder(c.definition(name, keyColumns.contains(c.name())))));
            List<String> tableConstraints = new ArrayList<>();
            List<Constraint> constraints = table.constraints().stream()
                    .sorted(Comparator.comparing(Constraint::kind).thenComparing(Constraint::name)).toList();
            for (Constraint constraint : constraints) {
                if (constraint.kind() == ConstraintKind.FOREIGN_KEY && created.contains(constraint.referencedTable())
                        && !available.contains(constraint.referencedTable())) {
                    deferredForeignKeys.add(new ForeignKeyOf(name, constraint));
                    continue;
                }
                String inline = constraint.inlineForm(name);
                if (inline != null) {
                    columns.get(constraint.columns().get(0)).append(' ').append(inline);
                } else {
                    tableConstraints.add(constraint.tableForm());
                }
            }
            List<String> body = new ArrayList<>(columns.values().stream().map(StringBuilder::toString).toList());
            body.addAll(tableConstraints);
            String statement = "create table " + Sql.name(name) + " (" + (body.isEmpty() ? "" : "\n    " + String.join(",\n    ", body) + "\n")
                    + ")" + (table.partitionBy() == null ? "" : " partition by " + table.partitionBy()) + ";";
            add(SchemaChange.safe("create table " + name, statement));
            for (Index index : table.indexes()) {
                add(SchemaChange.safe("create index " + index.name() + " on " + name, index.createStatement(name)));
            }
        }
    }

    private void addColumns() {
        for (String name : kept) {
            for (Column column : after(name).columns()) {
                if (before(name).column(column.name()).isEmpty() || isReplaced(name, column.name())) {
                    String statement = alter(name) + " add column " + column.definition(name) + ";";
                    String what = name + "." + column.name();
                    boolean needsValues = column.notNull() && column.defaultValue() == null && column.identity() == null
                            && column.generated() == null;
                    add(needsValues
                            ? SchemaChange.unsafe("add column " + what, statement,
                                    "fails if " + name + " has rows: " + what + " is not null and has no default")
                            : SchemaChange.safe("add column " + what, statement));
                }
            }
        }
    }

    /** Per column: identity off, default off, type, nullability, default on, identity on or changed. */
    private void alterColumns() {
        for (String name : kept) {
            for (Column column : after(name).columns()) {
                Column old = before(name).column(column.name()).orElse(null);
                if (old != null && !isReplaced(name, column.name()) && !old.equals(column)) {
                    alterColumn(name, old, column);
                }
            }
        }
    }

    private void alterColumn(String table, Column old, Column column) {
        String what = table + "." + column.name();
        String alterColumn = alter(table) + " alter column " + Sql.name(column.name());
        boolean typeChanges = !old.type().equals(column.type());
        boolean defaultChanges = !Objects.equals(old.defaultValue(), column.defaultValue());
        if (old.identity() != null && column.identity() == null) {
            add(SchemaChange.safe("drop identity of " + what, alterColumn + " drop identity;"));
            if (sequencesAtIdentity.contains(old.identity().sequence())) {
                Sequence sequence = to.sequence(old.identity().sequence()).orElseThrow();
                add(SchemaChange.safe("create sequence " + sequence.name(), sequence.createStatement()));
            }
        }
        if (defaultChanges && old.defaultValue() != null && (column.defaultValue() == null || typeChanges)) {
            add(SchemaChange.safe("drop default of " + what, alterColumn + " drop default;"));
        }
        if (typeChanges) {
            TypeChange change = new TypeChange(old.type(), column.type());
            String statement = alterColumn + " type " + column.type()
                    + (change.needsUsing() ? " using " + Sql.name(column.name()) + "::" + column.type() : "") + ";";
            String description = "change type of " + what + " from " + old.type() + " to " + column.type();
            add(change.lossless() ? SchemaChange.safe(description, statement) : SchemaChange.unsafe(description, statement,
                    "changes " + what + " from " + old.type() + " to " + column.type()
                            + ": values that do not fit are lost or make this fail"));
        }
        if (!old.notNull() && column.notNull()) {
            add(SchemaChange.unsafe("set not null on " + what, alterColumn + " set not null;", "fails if " + what + " holds nulls"));
        } else if (old.notNull() && !column.notNull()) {
            add(SchemaChange.safe("drop not null on " + what, alterColumn + " drop not null;"));
        }
        if (defaultChanges && column.defaultValue() != null) {
            add(SchemaChange.safe("set default of " + what, alterColumn + " set default " + column.defaultValue() + ";"));
        }
        if (column.identity() != null) {
            alterIdentity(table, old, column, alterColumn, typeChanges);
        }
    }

    private void alterIdentity(String table, Column old, Column column, String alterColumn, boolean typeChanges) {
        String what = table + "." + column.name();
        Identity identity = column.identity();
        if (old.identity() == null) {
            if (sequencesAtIdentity.contains(identity.sequence())) {
                add(dropSequence(from.sequence(identity.sequence()).orElseThrow()));
            }
            String options = String.join(" ", column.identityClauses(table));
            add(SchemaChange.safe("add identity to " + what, alterColumn + " add " + identity.kind()
                    + (options.isEmpty() ? "" : " (" + options + ")") + ";"));
            return;
        }
        if (!old.identity().sequence().equals(identity.sequence())) {
            add(SchemaChange.safe("rename identity sequence of " + what, "alter sequence " + Sql.name(old.identity().sequence())
                    + " rename to " + Sql.name(identity.sequence()) + ";"));
        }
        List<String> clauses = new ArrayList<>();
        if (old.identity().always() != identity.always()) {
            clauses.add("set generated " + (identity.always() ? "always" : "by default"));
        }
        SequenceOptions current = typeChanges ? old.identity().options().retyped(identity.options().type()) : old.identity().options();
        current.changesTo(identity.options()).forEach(clause -> clauses.add("set " + clause));
        if (!clauses.isEmpty()) {
            add(SchemaChange.safe("change identity of " + what, alterColumn + " " + String.join(" ", clauses) + ";"));
        }
    }

    private void addConstraints(Set<ConstraintKind> kinds) {
        for (String name : kept) {
            for (Constraint constraint : after(name).constraints()) {
                if (kinds.contains(constraint.kind()) && !before(name).constraints().contains(constraint)) {
                    add(SchemaChange.safe("add " + constraint.kind().words() + " " + constraint.name() + " on " + name,
                            alter(name) + " add " + constraint.tableForm() + ";"));
                }
            }
        }
    }

    private void addDeferredForeignKeys() {
        for (ForeignKeyOf deferred : deferredForeignKeys) {
            add(SchemaChange.safe("add foreign key " + deferred.constraint().name() + " on " + deferred.table(),
                    alter(deferred.table()) + " add " + deferred.constraint().tableForm() + ";"));
        }
    }

    private void createIndexes() {
        for (String name : kept) {
            for (Index index : after(name).indexes()) {
                if (!before(name).indexes().contains(index)) {
                    add(SchemaChange.safe("create index " + index.name() + " on " + name, index.createStatement(name)));
                }
            }
        }
    }

    /** New sequences get their owner; changed ones their new type, settings and owner. */
    private void alterSequences() {
        for (Sequence sequence : to.sequences()) {
            Sequence old = from.sequence(sequence.name()).orElse(null);
            List<String> clauses = new ArrayList<>();
            if (old != null) {
                SequenceOptions current = old.options();
                if (!current.type().equals(sequence.options().type())) {
                    clauses.add("as " + sequence.options().type());
                    current = current.retyped(sequence.options().type());
                }
                clauses.addAll(current.changesTo(sequence.options()));
            }
            if (sequence.ownedByTable() != null
                    && (old == null || detached.contains(old.name()) || !old.ownedBy().equals(sequence.ownedBy()))) {
                clauses.add("owned by " + sequence.ownedBy());
            }
            if (!clauses.isEmpty()) {
                add(SchemaChange.safe((old == null ? "set owner of sequence " : "alter sequence ") + sequence.name(),
                        "alter sequence " + Sql.name(sequence.name()) + " " + String.join(" ", clauses) + ";"));
            }
        }
    }

    // ---- what nothing uses any more ----

    /** Sequences owned by a dropped table or column went with it. */
    private void dropSequences() {
        for (Sequence old : from.sequences()) {
            if (to.sequence(old.name()).isEmpty() && !sequencesAtIdentity.contains(old.name())
                    && (old.ownedByTable() == null || !columnVanishes(old.ownedByTable(), old.ownedByColumn()))) {
                add(dropSequence(old));
            }
        }
    }

    private void dropEnums() {
        for (EnumType old : from.enums()) {
            if (to.enumType(old.name()).isEmpty()) {
                add(SchemaChange.safe("drop type " + old.name(), "drop type " + Sql.name(old.name()) + ";"));
            }
        }
    }

    // ---- helpers ----

    private static SchemaChange dropSequence(Sequence sequence) {
        return SchemaChange.unsafe("drop sequence " + sequence.name(), "drop sequence " + Sql.name(sequence.name()) + ";",
                "drops sequence " + sequence.name() + " and its current value");
    }

    private void add(SchemaChange change) {
        changes.add(change);
    }

    private Table before(String table) {
        return from.table(table).orElseThrow();
    }

    private Table after(String table) {
        return to.table(table).orElseThrow();
    }

    private boolean isReplaced(String table, String column) {
        return replaced.getOrDefault(table, Set.of()).contains(column);
    }

    /** Whether the column goes away with this change: its table or itself dropped, or replaced. */
    private boolean columnVanishes(String table, String column) {
        return dropped.contains(table)
                || kept.contains(table) && (after(table).column(column).isEmpty() || isReplaced(table, column));
    }

    private static String alter(String table) {
        return "alter table " + Sql.name(table);
    }

    private static List<Constraint> foreignKeys(Table table) {
        return table.constraints().stream().filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY).toList();
    }

    /** Per table among {@code names}, the tables its foreign keys reference. */
    private static Map<String, Set<String>> references(CatalogSnapshot snapshot, Set<String> names) {
        Map<String, Set<String>> references = new HashMap<>();
        for (String name : names) {
            references.put(name, foreignKeys(snapshot.table(name).orElseThrow()).stream()
                    .map(Constraint::referencedTable).collect(Collectors.toSet()));
        }
        return references;
    }

    /** Whether {@code part} appears in {@code whole} in the same order (with other items between). */
    private static boolean isOrderedSubset(List<String> part, List<String> whole) {
        int at = 0;
        for (String item : whole) {
            if (at < part.size() && part.get(at).equals(item)) {
                at++;
            }
        }
        return at == part.size();
    }

    /** A foreign key and its table. */
    private record ForeignKeyOf(String table, Constraint constraint) {
    }
}
