package io.modulemigrations.history;

import io.modulemigrations.migration.MigrationId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code module_migrations} table: where it is, how it is created, read and written. Writes
 * are SQL text (module and migration names are validated identifiers) so that a history row
 * travels in the same JDBC batch as its migration's statements.
 */
public final class HistoryTable {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INVALID_SCHEMA = "3F000";

    private final @Nullable String schema;
    private final boolean createSchema;
    private final String qualifiedName;
    private final String selectAll;
    private final String selectForRun;
    private final String selectChecksums;
    private final String selectChecksumsAndDigest;

    /**
     * @param schema the schema, or null for the connection's current schema
     * @param table  the table name
     */
    public HistoryTable(@Nullable String schema, String table) {
        this(schema, table, schema != null);
    }

    /**
     * @param schema       the schema, or null for the connection's current schema
     * @param table        the table name
     * @param createSchema whether {@link #create} creates the schema when missing (a configured schema), or
     *                     leaves it (the connection's current schema, which exists)
     */
    public HistoryTable(@Nullable String schema, String table, boolean createSchema) {
        this.schema = schema;
        this.createSchema = createSchema && schema != null;
        this.qualifiedName = (schema == null ? "" : quoteIdentifier(schema) + ".") + quoteIdentifier(table);
        this.selectAll = "select module, name, batch, checksum, applied_at, execution_ms, applied_by from " + qualifiedName;
        this.selectForRun = "select module, name, batch, checksum from " + qualifiedName;
        this.selectChecksums = checksumsOf(qualifiedName);
        this.selectChecksumsAndDigest = checksumsAndDigestOf(qualifiedName);
    }

    /**
     * Two queries, sent together, for where the schema is not known yet: the connection's current
     * schema, its search_path and whether the table of this name the search_path finds is the current
     * schema's; then that table's {@link #checksums checksums}. Fails (SQLSTATE 42P01) when
     * the search_path finds no such table.
     */
    public static String selectSchemaThenChecksums(String table, boolean withDigest) {
        String name = quoteIdentifier(table);
        return schemaOf(name) + (withDigest ? checksumsAndDigestOf(name) : checksumsOf(name));
    }

    /**
     * {@link #selectSchemaThenChecksums}, but instead of the checksums {@link CheckTable#selectUnchanged}: the
     * module count and code of each {@link CheckTable} row of the same search_path recorded with
     * {@code fingerprint} and the history as it is now.
     */
    public static String selectSchemaThenUnchanged(String table, String fingerprint) {
        String name = quoteIdentifier(table);
        return schemaOf(name) + CheckTable.selectUnchanged(quoteIdentifier(table + "_checks"), name, fingerprint);
    }

    private static String schemaOf(String table) {
        return "select current_schema(), current_setting('search_path'), coalesce(to_regclass(quote_ident(current_schema()) || '.' || "
                + literal(table) + ") = to_regclass(" + literal(table) + "), false);\n";
    }

    private static String checksumsOf(String table) {
        // No order by: the server would sort every row on every start; rows are matched in any order.
        return "select module, name, checksum from " + table;
    }

    /**
     * The checksums and, in a row of its own whose module is null, the table's {@link CheckTable#digestOf digest}:
     * one statement, so the digest is of the rows returned.
     */
    private static String checksumsAndDigestOf(String table) {
        return "select module, name, checksum, null::text from " + table + " union all select null, null, null, " + CheckTable.digestOf(table);
    }

    /** An escape-string literal, read the same whatever {@code standard_conforming_strings} is. */
    private static String literal(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** The table name as written in SQL, schema-qualified when a schema is configured. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** Reads the whole history in one query; {@link History#none()} when the table does not exist yet. */
    public History read(Connection connection) throws SQLException {
        return read(connection, true);
    }

    /**
     * Reads what a migrate or rollback run needs, in one query: module, name, batch and checksum.
     * Rows have no {@code appliedAt}, {@code executionMs} or {@code appliedBy}; leaving out the
     * timestamp, which the driver parses slowly, makes a large history read several times faster.
     */
    public History readForRun(Connection connection) throws SQLException {
        return read(connection, false);
    }

    /**
     * Passes every row's module, name and checksum, in the order the table holds them, to {@code test}:
     * what a start compares with the code's migrations. Nothing else is read (the timestamp alone would
     * cost more than the rest). {@code withDigest} adds a row whose module is null and whose fourth column
     * is the {@link CheckTable#digestOf digest} of the rows read. False when there is no history table.
     */
    public boolean checksums(Connection connection, RowsTest test, boolean withDigest) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rows = st.executeQuery(withDigest ? selectChecksumsAndDigest : selectChecksums)) {
            return test.test(rows);
        } catch (SQLException e) {
            if (missing(connection, e)) {
                return false;
            }
            throw e;
        }
    }

    /** A test of a query's rows. */
    @FunctionalInterface
    public interface RowsTest {
        boolean test(ResultSet rows) throws SQLException;
    }

    /**
     * Whether {@code e} says the history table (or its schema) does not exist yet; then the failed
     * statement's transaction, if the connection is in one, is rolled back so the connection can go on.
     */
    public static boolean missing(Connection connection, SQLException e) throws SQLException {
        if (!UNDEFINED_TABLE.equals(e.getSQLState()) && !INVALID_SCHEMA.equals(e.getSQLState())) {
            return false;
        }
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        return true;
    }

    private History read(Connection connection, boolean details) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(details ? selectAll : selectForRun)) {
            while (rs.next()) {
                if (details) {
                    Timestamp at = rs.getTimestamp(5);
                    rows.add(new AppliedMigration(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            at == null ? null : at.toInstant(), rs.getLong(6), rs.getString(7)));
                } else {
                    rows.add(new AppliedMigration(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), null, 0, null));
                }
            }
        } catch (SQLException e) {
            if (missing(connection, e)) {
                return History.none();
            }
            throw e;
        }
        return new History(true, rows);
    }

    /** Creates the schema (if configured) and the table when missing. Run under the run lock. */
    public void create(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder();
        if (createSchema) {
            sql.append("create schema if not exists ").append(quoteIdentifier(schema)).append(";\n");
        }
        sql.append("create table if not exists ").append(qualifiedName).append(" (\n")
                .append("  module text not null,\n")
                .append("  name text not null,\n")
                .append("  batch integer not null,\n")
                .append("  checksum text,\n")
                .append("  applied_at timestamptz not null default clock_timestamp(),\n")
                .append("  execution_ms bigint not null,\n")
                .append("  applied_by text not null default current_user,\n")
                .append("  primary key (module, name)\n")
                .append(")");
        try (Statement st = connection.createStatement()) {
            st.execute(sql.toString());
        }
    }

    /**
     * The insert for a migration that has just run. With {@code executionMs} null the time is taken
     * from the transaction's start, which is when the migration's first statement was sent, truncated
     * to whole milliseconds as the client-side time is: {@code applied_at - execution_ms} is then never
     * earlier than the transaction began, so it never overlaps what committed before it on the connection. A
     * {@code settings} condition (always true; see {@code SessionBaseline#settingsCondition}) is
     * evaluated once as the row is written, for what it sets: it guards {@code applied_by}, which is
     * not null, so a condition that did not hold would fail the insert. A single {@code values} row
     * costs the server less to plan than {@code insert … select … where}, on every migration.
     */
    public String insertSql(MigrationId id, int batch, @Nullable String checksum, @Nullable Long executionMs, @Nullable String appliedBy,
            @Nullable String settings) {
        String by = appliedBy == null ? "current_user" : quoteLiteral(appliedBy);
        return "insert into " + qualifiedName + " (module, name, batch, checksum, applied_at, execution_ms, applied_by) values ("
                + quoteLiteral(id.module()) + ", " + quoteLiteral(id.name()) + ", " + batch + ", "
                + (checksum == null ? "null::text" : quoteLiteral(checksum)) + ", clock_timestamp(), "
                + (executionMs == null ? "floor(extract(epoch from clock_timestamp() - now()) * 1000)::bigint" : executionMs.toString())
                + ", " + (settings == null ? by : "case when " + settings + " then " + by + " end") + ")";
    }

    /** The recorded {@code execution_ms} of these migrations of {@code module}, by name. */
    public Map<String, Long> executionMs(Connection connection, String module, List<String> names) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select name, execution_ms from " + qualifiedName + " where module = ? and name = any(?)")) {
            ps.setString(1, module);
            ps.setArray(2, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return found;
    }

    /** The delete for a migration that has just been rolled back. */
    public String deleteSql(MigrationId id) {
        return "delete from " + qualifiedName + " where module = " + quoteLiteral(id.module()) + " and name = " + quoteLiteral(id.name());
    }

    static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
