package io.modulemigrations.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The user-visible schema of a database as text, without any tool's history tables: columns,
 * constraints, indexes, enum types, views, functions, sequences and each table's row count.
 * Two databases that a contender each migrated must give the same snapshot.
 */
final class CatalogSnapshot {

    private static final String NOT_HISTORY = " not in ('" + RawJdbcFloor.HISTORY
            + "', 'module_migrations', 'module_migrations_progress', 'module_migrations_checks', 'module_links', 'module_migration_scripts',"
            + " 'databasechangelog', 'databasechangeloglock') and %1$s not like 'flyway\\_%%'";

    private static final List<String> QUERIES = List.of(
            "select 'column', table_name, column_name, data_type, is_nullable, coalesce(column_default, '') from information_schema.columns"
                    + " where table_schema = 'public' and table_name" + NOT_HISTORY.formatted("table_name")
                    + " order by table_name, column_name",
            "select 'constraint', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) from pg_constraint c"
                    + " where c.connamespace = 'public'::regnamespace and c.conrelid::regclass::text" + NOT_HISTORY.formatted("c.conrelid::regclass::text")
                    + " order by 2, 3",
            "select 'index', tablename, indexname, indexdef from pg_indexes"
                    + " where schemaname = 'public' and tablename" + NOT_HISTORY.formatted("tablename") + " order by 2, 3",
            "select 'enum', t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_type t join pg_enum e on e.enumtypid = t.oid"
                    + " where t.typnamespace = 'public'::regnamespace group by t.typname order by 2",
            "select 'view', viewname, definition from pg_views where schemaname = 'public' order by 2",
            "select 'function', p.proname, pg_get_function_identity_arguments(p.oid) from pg_proc p"
                    + " where p.pronamespace = 'public'::regnamespace order by 2, 3",
            "select 'sequence', sequencename from pg_sequences where schemaname = 'public' and sequencename not like 'flyway%' order by 2");

    private CatalogSnapshot() {
    }

    static String of(Connection c) throws SQLException {
        StringBuilder snapshot = new StringBuilder();
        try (Statement st = c.createStatement()) {
            for (String query : QUERIES) {
                appendRows(st, query, snapshot);
            }
            StringBuilder counts = new StringBuilder();
            appendRows(st, "select format('select ''rows'', %L, count(*) from %I', tablename, tablename) from pg_tables"
                    + " where schemaname = 'public' and tablename" + NOT_HISTORY.formatted("tablename") + " order by tablename", counts);
            for (String line : counts.toString().split("\n")) {
                if (!line.isEmpty()) {
                    appendRows(st, line, snapshot);
                }
            }
        }
        return snapshot.toString();
    }

    /** The tables the snapshot leaves out (each tool's history and bookkeeping), sorted. */
    static List<String> historyTables(Connection c) throws SQLException {
        List<String> tables = new java.util.ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = 'public' and not (tablename"
                     + NOT_HISTORY.formatted("tablename") + ") order by 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static void appendRows(Statement st, String query, StringBuilder out) throws SQLException {
        try (ResultSet rs = st.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.append('\n');
            }
        }
    }
}
