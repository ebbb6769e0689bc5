package io.modulemigrations.history;

import io.modulemigrations.migration.MigrationId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@code module_migrations_progress} table (the history table's name plus {@code _progress}): how far a migration that runs without a transaction
 * got. Its row is written before the first statement, counts each statement that completes, and is
 * deleted in the statement that writes the history row. A row that is there when the migration
 * starts again means an earlier run stopped part-way (a crash, a lost connection, a failure), so some
 * of its statements may already be applied.
 */
public final class ProgressTable {

    private final String qualifiedName;

    /**
     * @param schema the schema (the history table's), or null for the connection's current schema
     * @param table  the table name
     */
    public ProgressTable(@Nullable String schema, String table) {
        this.qualifiedName = (schema == null ? "" : HistoryTable.quoteIdentifier(schema) + ".") + HistoryTable.quoteIdentifier(table);
    }

    /** The table's name with its schema, quoted. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** An earlier run of a migration that stopped part-way. */
    public record Unfinished(Instant startedAt, int statementsDone) {
    }

    /**
     * Records that {@code id} starts {@code direction} (outside a transaction, under the run lock),
     * creating the table when missing. Returns the earlier run that stopped part-way, or null.
     */
    public @Nullable Unfinished start(Connection c, MigrationId id, String direction) throws SQLException {
        try (Statement st = c.createStatement()) {
            Unfinished earlier = null;
            try (ResultSet rs = st.executeQuery("select started_at, statements_done from " + qualifiedName + where(id, direction))) {
                if (rs.next()) {
                    earlier = new Unfinished(rs.getTimestamp(1).toInstant(), rs.getInt(2));
                }
            } catch (SQLException e) {
                if (!"42P01".equals(e.getSQLState())) {
                    throw e;
                }
                create(c); // a history table from before this table existed
            }
            if (earlier == null) {
                st.execute("insert into " + qualifiedName + " (module, name, direction) values (" + HistoryTable.quoteLiteral(id.module())
                        + ", " + HistoryTable.quoteLiteral(id.name()) + ", " + HistoryTable.quoteLiteral(direction) + ")");
            }
            return earlier;
        }
    }

    /** Creates the table when missing; with the history table, under the run lock. */
    public void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("create table if not exists " + qualifiedName + " (\n"
                    + "  module text not null,\n"
                    + "  name text not null,\n"
                    + "  direction text not null,\n"
                    + "  started_at timestamptz not null default clock_timestamp(),\n"
                    + "  statements_done integer not null default 0,\n"
                    + "  primary key (module, name, direction)\n"
                    + ")");
        }
    }

    /** Records that the first {@code statements} statements completed (never lowering what an earlier run reached). */
    public String doneSql(MigrationId id, String direction, int statements) {
        return "update " + qualifiedName + " set statements_done = greatest(statements_done, " + statements + ")" + where(id, direction);
    }

    /** {@code historySql} with the progress row deleted in the same statement, so both happen or neither. */
    public String finishedSql(MigrationId id, String direction, String historySql) {
        return "with finished as (delete from " + qualifiedName + where(id, direction) + ") " + historySql;
    }

    private static String where(MigrationId id, String direction) {
        return " where module = " + HistoryTable.quoteLiteral(id.module()) + " and name = " + HistoryTable.quoteLiteral(id.name())
                + " and direction = " + HistoryTable.quoteLiteral(direction);
    }
}
