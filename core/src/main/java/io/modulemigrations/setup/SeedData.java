package io.modulemigrations.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code db:seed}: rows per table, inserted with bound parameters in one transaction, in the
 * given table order. Re-running inserts nothing twice: a table with a primary key or unique
 * constraint skips conflicting rows; any other table skips rows equal to one already there.
 */
public final class SeedData {

    /** What loading did, per table: rows inserted and rows already present. */
    public record TableResult(String table, int inserted, int skipped) {
    }

    private SeedData() {
    }

    /**
     * @param tables table name → rows, each a column → value map (String, Number, Boolean or null;
     *               strings are sent untyped, so PostgreSQL reads them as the column's type: uuid, jsonb, timestamptz…)
     */
    public static List<TableResult> load(Connection c, Map<String, List<Map<String, @Nullable Object>>> tables) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<TableResult> results = new ArrayList<>();
            for (Map.Entry<String, List<Map<String, @Nullable Object>>> table : tables.entrySet()) {
                results.add(loadTable(c, table.getKey(), table.getValue()));
            }
            c.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static TableResult loadTable(Connection c, String table, List<Map<String, @Nullable Object>> rows) throws SQLException {
        boolean unique = hasUniqueKey(c, table);
        int inserted = 0;
        for (Map<String, Object> row : rows) {
            List<String> columns = new ArrayList<>(row.keySet());
            try {
                if (unique || !present(c, table, columns, row)) {
                    inserted += insert(c, table, columns, row, unique);
                }
            } catch (SQLException e) {
                throw new SQLException("Seeding table " + table + " failed at row " + row + ": " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return new TableResult(table, inserted, rows.size() - inserted);
    }

    private static int insert(Connection c, String table, List<String> columns, Map<String, @Nullable Object> row, boolean unique) throws SQLException {
        StringBuilder sql = new StringBuilder("insert into ").append(quote(table)).append(" (");
        StringBuilder values = new StringBuilder(") values (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
            values.append(i == 0 ? "?" : ", ?");
        }
        sql.append(values).append(unique ? ") on conflict do nothing" : ")");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < columns.size(); i++) {
                bind(ps, i + 1, row.get(columns.get(i)));
            }
            return ps.executeUpdate();
        }
    }

    /** For a table without a unique key: is an equal row already there? */
    private static boolean present(Connection c, String table, List<String> columns, Map<String, @Nullable Object> row) throws SQLException {
        StringBuilder sql = new StringBuilder("select exists (select 1 from ").append(quote(table)).append(" where ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : " and ").append(quote(columns.get(i))).append(" is not distinct from ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < columns.size(); i++) {
                bind(ps, i + 1, row.get(columns.get(i)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean hasUniqueKey(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from pg_index where indrelid = ?::regclass and indisunique)")) {
            ps.setString(1, quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.OTHER);
        } else if (value instanceof String s) {
            ps.setObject(index, s, Types.OTHER);
        } else {
            ps.setObject(index, value);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
