package io.modulemigrations.catalog;

import io.modulemigrations.sql.SqlStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Proves that an up/down pair does what it claims, on a scratch database in the current state:
 * {@code up} must give exactly the expected snapshot, {@code down} must then give exactly the
 * snapshot read before {@code up}, and {@code up} must apply again and give the expected snapshot.
 *
 * <p>Each step runs in its own transaction, statement by statement, with the connection's search
 * path (the scope's schema should be the connection's current schema, as for a migration). When
 * the proof passes the database is left in the target state; when a step fails, that step is rolled
 * back and the database stays as the previous step left it.
 */
public final class RoundTripProof {

    private RoundTripProof() {
    }

    /**
     * Runs the proof.
     *
     * @param scratch a connection to a database that may be changed, in the current state
     * @param scope the tables to compare (the same scope as the expected snapshot's)
     * @param up the SQL from the current state to the target
     * @param down the SQL from the target back to the current state
     * @param expected the target's snapshot
     * @param order whether column order counts
     * @return the result: passed, or the step that failed and why
     * @throws SQLException if the catalog cannot be read or a transaction cannot be ended
     */
    public static ProofResult run(Connection scratch, CatalogScope scope, String up, String down, CatalogSnapshot expected,
            ColumnOrder order) throws SQLException {
        CatalogSnapshot before = CatalogSnapshot.read(scratch, scope);
        ProofResult result = step(scratch, scope, ProofResult.Step.UP, up, expected, order);
        if (result.succeeded()) {
            result = step(scratch, scope, ProofResult.Step.DOWN, down, before, order);
        }
        if (result.succeeded()) {
            result = step(scratch, scope, ProofResult.Step.UP_AGAIN, up, expected, order);
        }
        return result;
    }

    private static ProofResult step(Connection connection, CatalogScope scope, ProofResult.Step step, String sql,
            CatalogSnapshot expected, ColumnOrder order) throws SQLException {
        String failed = apply(connection, sql);
        if (failed != null) {
            int split = failed.indexOf('\n');
            return ProofResult.refused(step, failed.substring(0, split), failed.substring(split + 1));
        }
        LineDifference difference = CatalogSnapshot.read(connection, scope).differenceFrom(expected, order);
        return difference.isEmpty() ? ProofResult.passed() : ProofResult.differs(step, difference);
    }

    /** Runs the script in one transaction; on failure returns the statement, a new line and the error. */
    private static String withoutLeadingComments(String statement) {
        return statement.replaceFirst("^(\\s*--[^\n]*\n)+\\s*", "");
    }

    private static String apply(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String statement : SqlStatements.split(sql)) {
                try {
                    st.execute(statement);
                } catch (SQLException e) {
                    connection.rollback();
                    return withoutLeadingComments(statement) + "\n" + e.getMessage();
                }
            }
            connection.commit();
            return null;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
