package io.modulemigrations.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The {@code module_migrations_checks} table (the history table's name plus {@code _checks}): code found
 * as the history records it. A row holds a fingerprint of the code (its archives' directories and the
 * configuration that decides what is valid) and a digest of the history as it was read in the same
 * statement that proved every migration applied and unchanged. A later start with the same code finds its
 * row and compares one digest, computed by the server, instead of listing, validating and comparing every
 * migration; any change to the history (a migrate, a rollback, an edit by hand) changes the digest, so the
 * row no longer proves anything and the start checks everything as usual.
 */
public final class CheckTable {

    /** Rows kept: one per build of the code recently seen, so that two versions running side by side both stay quick. */
    private static final int KEPT = 20;

    private final String qualifiedName;

    /**
     * @param schema the schema (the history table's), or null for the connection's current schema
     * @param table  the table name
     */
    public CheckTable(@Nullable String schema, String table) {
        this.qualifiedName = (schema == null ? "" : HistoryTable.quoteIdentifier(schema) + ".") + HistoryTable.quoteIdentifier(table);
    }

    /** The table's name with its schema, quoted. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /**
     * An expression for the digest of the history table {@code history} (a qualified or search_path name):
     * its row count and the sum of a 64-bit hash of each row's module, name and checksum, in no order.
     */
    public static String digestOf(String history) {
        return "(select count(*) || ':' || coalesce(sum(hashtextextended(module || '/' || name || '/' || coalesce(checksum, ''), 0)), 0)"
                + " from " + history + ")";
    }

    /**
     * A query for the module count and the code recorded with the fingerprint {@code fingerprint}, a row for
     * each such code when the history's digest is still the one recorded with it, none otherwise;
     * {@code history} and this table named as given (qualified, or found on the search_path). A recorded code is
     * the fingerprint, or the fingerprint and after a space what only the application can check (see
     * {@link #record}).
     */
    public static String selectUnchanged(String checks, String history, String fingerprint) {
        return "select modules, code from " + checks + " where split_part(code, ' ', 1) = " + HistoryTable.quoteLiteral(fingerprint)
                + " and history = " + digestOf(history);
    }

    /**
     * The module count recorded with the fingerprint and a code {@code recorded} accepts, when the history is
     * as it was then; else null (also when there is no such table).
     */
    public @Nullable Integer unchanged(Connection c, String fingerprint, String history, Predicate<String> recorded) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(selectUnchanged(qualifiedName, history, fingerprint))) {
            return modules(rs, recorded);
        } catch (SQLException e) {
            if (HistoryTable.missing(c, e)) {
                return null;
            }
            throw e;
        }
    }

    /** The module count of the first row of a {@link #selectUnchanged} result whose code {@code recorded} accepts, or null. */
    public static @Nullable Integer modules(ResultSet rows, Predicate<String> recorded) throws SQLException {
        while (rows.next()) {
            if (recorded.test(rows.getString(2))) {
                return rows.getInt(1);
            }
        }
        return null;
    }

    /**
     * Records that the history with {@code digest} holds exactly the migrations of {@code code} (a fingerprint,
     * then optionally a space and more), forgetting
     * all but the latest rows; false when the table does not exist (the caller may create it under the run
     * lock and record again).
     */
    public boolean record(Connection c, String code, String digest, int modules) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("insert into " + qualifiedName + " (code, history, modules) values (" + HistoryTable.quoteLiteral(code) + ", "
                    + HistoryTable.quoteLiteral(digest) + ", " + modules + ") on conflict (code) do update set history = excluded.history,"
                    + " modules = excluded.modules, checked_at = excluded.checked_at");
            st.execute("delete from " + qualifiedName + " where code not in (select code from " + qualifiedName
                    + " order by checked_at desc limit " + KEPT + ")");
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (HistoryTable.missing(c, e)) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the table when missing; with the history table, under the run lock. */
    public void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("create table if not exists " + qualifiedName + " (\n"
                    + "  code text primary key,\n"
                    + "  history text not null,\n"
                    + "  modules integer not null,\n"
                    + "  checked_at timestamptz not null default clock_timestamp()\n"
                    + ")");
        }
    }
}
