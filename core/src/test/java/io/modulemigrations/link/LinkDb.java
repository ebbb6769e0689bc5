package io.modulemigrations.link;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** JDBC helpers for the link tests: read what the database holds. */
final class LinkDb {

    private LinkDb() {
    }

    /** Every row of a query, each column as text, columns joined by '|'. */
    static List<String> rows(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                rows.add(sb.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static boolean tableExists(DataSource ds, String schema, String table) {
        return !rows(ds, "select 1 from pg_tables where schemaname = " + (schema == null ? "current_schema()" : "'" + schema + "'")
                + " and tablename = '" + table + "'").isEmpty();
    }

    static boolean tableExists(DataSource ds, String table) {
        return tableExists(ds, null, table);
    }

    /** column type, in order. */
    static List<String> columns(DataSource ds, String table) {
        return rows(ds, "select column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns"
                + " where table_schema = current_schema() and table_name = '" + table + "' order by ordinal_position");
    }

    /** table_name|descriptor of every module_links row (the whole table: empty when it does not exist). */
    static List<String> links(DataSource ds) {
        if (!tableExists(ds, "module_links")) {
            return List.of();
        }
        return rows(ds, "select table_name || '|' || descriptor::text from module_links order by 1");
    }

    /**
     * The schema as the catalog describes it (same queries as the engine tests' Db.catalog):
     * tables, columns, indexes, constraints, types. Two equal snapshots mean the same schema.
     */
    static List<String> catalog(DataSource ds) {
        List<String> all = new ArrayList<>();
        all.addAll(rows(ds, "select 'table ' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S') order by 1"));
        all.addAll(rows(ds, "select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '"
                + " || coalesce(column_default, '') from information_schema.columns where table_schema = current_schema() order by 1"));
        all.addAll(rows(ds, "select 'index ' || indexname || ' ' || indexdef from pg_indexes where schemaname = current_schema() order by 1"));
        all.addAll(rows(ds, "select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(c.oid)"
                + " from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = current_schema() order by 1"));
        all.addAll(rows(ds, "select 'type ' || t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace"
                + " where n.nspname = current_schema() and t.typtype in ('e', 'd', 'c') and not exists"
                + " (select 1 from pg_class c where c.reltype = t.oid) order by 1"));
        return all;
    }
}
