package io.modulemigrations.catalog;

/**
 * An index that does not back a constraint.
 *
 * @param name the index name
 * @param unique whether it is unique
 * @param method the access method ({@code btree}, {@code gin}, …)
 * @param body what follows {@code using} in {@code pg_get_indexdef}, in lower case: the method,
 *     the keys, and any {@code include}, {@code with} and {@code where} (partial index) clauses
 */
record Index(String name, boolean unique, String method, String body) {

    /** The {@code create index} statement, leaving out {@code using btree} as people do. */
    String createStatement(String table) {
        String keys = method.equals("btree") && body.startsWith("btree ") ? body.substring("btree ".length()) : "using " + body;
        return "create " + (unique ? "unique " : "") + "index " + Sql.name(name) + " on " + Sql.name(table) + " " + keys + ";";
    }

    String describe() {
        return Sql.name(name) + (unique ? " unique" : "") + " using " + body;
    }
}
