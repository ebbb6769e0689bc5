package io.modulemigrations.catalog;

/**
 * A sequence that is not an identity column's.
 *
 * @param name the sequence name
 * @param options its settings
 * @param ownedByTable the table of the column that owns it ({@code serial}, {@code owned by}), or null
 * @param ownedByColumn that column, or null
 */
record Sequence(String name, SequenceOptions options, String ownedByTable, String ownedByColumn) {

    String ownedBy() {
        return ownedByTable == null ? "none" : Sql.name(ownedByTable) + "." + Sql.name(ownedByColumn);
    }

    String createStatement() {
        String clauses = String.join(" ", options.clauses(true));
        return "create sequence " + Sql.name(name) + (clauses.isEmpty() ? "" : " " + clauses) + ";";
    }
}
