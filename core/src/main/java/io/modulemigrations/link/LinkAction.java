package io.modulemigrations.link;

import java.util.List;

/**
 * One change that brings one link table in step with its declaration. Applied in its own
 * transaction, together with its {@code module_links} bookkeeping (the last statement of {@code sql}).
 *
 * @param table  the link table it changes
 * @param kind   what it does
 * @param safe   true when no data can be lost; unsafe actions run only when chosen
 * @param sql    the statements, in order
 * @param impact what it does in words; for an unsafe action, what would be lost
 *               (e.g. {@code drops table product_product_brand_brand with 12 rows})
 */
public record LinkAction(String table, Kind kind, boolean safe, List<String> sql, String impact) {

    /** What an action does. */
    public enum Kind {
        /** Creates a link table with its indexes (safe). */
        CREATE_TABLE,
        /** Adds a missing column, nullable unless it is a standard one with a default (safe). */
        ADD_COLUMN,
        /** Re-creates a missing index (safe). */
        CREATE_INDEX,
        /** Changes a column's type (unsafe: values may not convert). */
        ALTER_COLUMN,
        /** Drops a column that is no longer declared (unsafe). */
        DROP_COLUMN,
        /** Drops the table of a link that is no longer declared (unsafe). */
        DROP_TABLE,
        /** Only updates {@code module_links}: records a table or its new descriptor, or forgets a table that is gone (safe). */
        RECORD
    }

    public LinkAction {
        sql = List.copyOf(sql);
    }

    /** The action as SQL text: a comment with its impact, then its statements. */
    public String toSql() {
        StringBuilder sb = new StringBuilder("-- ").append(safe ? "safe" : "UNSAFE").append(": ").append(impact).append('\n');
        sql.forEach(s -> sb.append(s).append(";\n"));
        return sb.toString();
    }
}
