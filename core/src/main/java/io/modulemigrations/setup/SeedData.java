package io.modulemigrations.setup;

import io.modulemigrations.json.JsonText;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code db:seed}: rows per table, inserted with bound parameters in the given table order, in one
 * transaction: every row is there afterwards, or, when one fails, none that this run inserted.
 *
 * <p>Seeding again inserts nothing twice. A row is already there when
 * <ul>
 * <li>it gives every column of the table's primary key (none null) and a row with that key exists; else, when it
 * gives every column of a unique key (not partial, no expressions), a row with that key exists;</li>
 * <li>it covers no key and a row equal in every column it gives exists (null equals null).</li>
 * </ul>
 * Such a row is left as it is, not updated. Any other row is inserted as given, a value for an identity column
 * included (also one generated always); when that fails (a unique key it was not matched on, a foreign key, a
 * not-null column) the seed fails, naming the table and the row. Before a table's rows are inserted, each of its
 * identity and serial sequences is moved past the highest value its column holds or the rows give it (never back), so
 * a row that leaves its key to the sequence cannot take another row's key, and neither can the application's next insert.
 * A failed seed leaves those moves, as PostgreSQL does not roll back sequences; that only skips values.
 */
public final class SeedData {

    /**
     * The transaction-level advisory lock a seed holds: a second seed at the same time (another
     * instance, a second {@code db:seed}) waits for the first to commit, then finds its rows already there.
     */
    static final long LOCK_KEY = 0x6d6d_7365_6564L;

    /** What loading did to one table: rows inserted, and rows that were already there. */
    public record TableResult(String table, int inserted, int alreadyThere) {
    }

    private SeedData() {
    }

    /**
     * @param tables table name → rows, each a column → value map (String, Number, Boolean or null;
     *               strings are sent untyped, so PostgreSQL reads them as the column's type: uuid, jsonb, timestamptz…),
     *               each giving at least one column
     * @throws SQLException a table or a row failed, named in the message; nothing was inserted
     */
    public static List<TableResult> load(Connection c, Map<String, List<Map<String, @Nullable Object>>> tables) throws SQLException {
        tables.forEach((table, rows) -> {
            if (rows.stream().anyMatch(Map::isEmpty)) {
                throw new IllegalArgumentException("A row of " + table + " gives no columns");
            }
        });
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
            }
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
        SeedTable seedTable;
        try {
            seedTable = SeedTable.read(c, table);
            seedTable.moveSequencesPast(c, rows);
        } catch (SQLException e) {
            // 42P01: undefined_table
            String hint = "42P01".equals(e.getSQLState()) ? " Seed data is keyed by table name (not module name)." : "";
            throw new SQLException("Seeding table " + table + " failed: " + e.getMessage() + hint, e.getSQLState(), e);
        }
        int inserted = 0;
        for (Map<String, @Nullable Object> row : rows) {
            try {
                if (!seedTable.present(c, row)) {
                    seedTable.insert(c, row);
                    inserted++;
                }
            } catch (SQLException e) {
                throw new SQLException("Seeding table " + table + " failed at row " + JsonText.object(row) + ": " + e.getMessage(),
                        e.getSQLState(), e);
            }
        }
        return new TableResult(table, inserted, rows.size() - inserted);
    }
}
