package io.modulemigrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small JDBC helpers for tests: read what the database holds. */
public final class Db {

    private Db() {
    }

    /** Every row of a query, each column as text, columns joined by '|'. */
    public static List<String> rows(DataSource ds, String sql) {
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

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** module/name|batch of every history row, ordered. */
    public static List<String> history(DataSource ds) {
        return rows(ds, "select module || '/' || name || '|' || batch from module_migrations order by module, name");
    }

    public static boolean tableExists(DataSource ds, String table) {
        return !rows(ds, "select 1 from pg_tables where schemaname = current_schema() and tablename = '" + table + "'").isEmpty();
    }

    /**
     * The schema as the catalog describes it: tables, columns with types, nullability and
     * defaults, indexes with definitions, constraints with definitions, and types. Two equal
     * snapshots mean the same schema.
     */
    public static List<String> catalog(DataSource ds) {
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
