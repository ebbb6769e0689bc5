package io.modulemigrations.run;

import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.sql.SqlStatements;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MigrationContext} of one running migration. In a transaction, statements are held
 * back and sent together with the history row as one JDBC batch: one round trip per migration
 * plus the commit. Statements that return rows cannot be batched and go alone, in order. Outside
 * a transaction every statement is sent at once, on its own.
 */
public final class StatementBatch implements MigrationContext {

    private static final java.util.regex.Pattern ENTRY_NUMBER = java.util.regex.Pattern.compile("(\\d+)");

    private final Connection connection;
    private final MigrationId id;
    private final boolean transactional;
    private final List<String> issued = new ArrayList<>();
    private int sent;
    private @Nullable IntFunction<String> progress;
    private @Nullable StatementFailedException failure;

    public StatementBatch(Connection connection, MigrationId id, boolean transactional) {
        this.connection = connection;
        this.id = id;
        this.transactional = transactional;
    }

    @Override
    public void sql(String sql) {
        issued.addAll(SqlStatements.split(sql));
        if (!transactional) {
            send(List.of());
        }
    }

    @Override
    public Connection connection() {
        send(List.of());
        return connection;
    }

    @Override
    public String module() {
        return id.module();
    }

    @Override
    public String name() {
        return id.name();
    }

    /**
     * Outside a transaction: after each statement completes, runs {@code progressSql} of the number of
     * statements completed so far, so that a crash leaves a record of how far the migration got.
     */
    public void recordProgress(IntFunction<String> progressSql) {
        this.progress = progressSql;
    }

    /** The statements issued so far, in order. */
    public List<String> issued() {
        return Collections.unmodifiableList(issued);
    }

    /** Sends every statement issued so far (in a transaction: as a batch) and waits for the results. */
    public void flushStatements() throws StatementFailedException {
        finish(List.of());
    }

    /**
     * Sends what is left, then the engine's closing statements (resetting the session, writing the
     * history row), in the same batch when in a transaction. A failing closing statement is
     * reported as {@link StatementFailedException#historyWrite()}.
     *
     * @throws StatementFailedException naming the statement that failed, also when it failed earlier
     *                                  inside {@link #sql} or {@link #connection} and the migration swallowed it
     */
    public void finish(List<String> closing) throws StatementFailedException {
        if (failure != null) {
            throw failure;
        }
        try {
            flush(closing);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(List<String> trailing) {
        if (failure != null) {
            throw new IllegalStateException("migration " + id + " continued after a failed statement", failure);
        }
        try {
            flush(trailing);
        } catch (StatementFailedException e) {
            failure = e;
            throw new FailedStatement(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unwraps a failure raised inside {@link #sql} or {@link #connection}, if that is what {@code t} is. */
    public static @Nullable StatementFailedException failureOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FailedStatement f) {
                return f.failure;
            }
            if (c instanceof StatementFailedException f) {
                return f;
            }
        }
        return null;
    }

    private void flush(List<String> trailing) throws SQLException, StatementFailedException {
        int end = issued.size();
        if (sent == end && trailing.isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            int batchStart = sent;
            int inBatch = 0;
            for (int i = sent; i < end; i++) {
                String s = issued.get(i);
                if (!transactional || SqlStatements.returnsRows(s)) {
                    runBatch(st, batchStart, inBatch, List.of());
                    inBatch = 0;
                    executeAlone(st, i, s);
                    if (!transactional && progress != null) {
                        recordProgress(st, progress.apply(i + 1));
                    }
                    batchStart = i + 1;
                } else {
                    st.addBatch(s);
                    inBatch++;
                }
            }
            sent = end;
            runBatch(st, batchStart, inBatch, trailing);
        }
    }

    /**
     * Best effort: the statements may have switched to a role that cannot write the progress table;
     * that must not fail the migration, so the record is a lower bound. A lost connection shows at
     * the next statement.
     */
    private static void recordProgress(Statement st, String sql) {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            // see above
        }
    }

    private void executeAlone(Statement st, int index, String s) throws StatementFailedException {
        try {
            st.execute(s);
        } catch (SQLException e) {
            throw new StatementFailedException(index + 1, s, false, e);
        }
    }

    private void runBatch(Statement st, int batchStart, int inBatch, List<String> trailing) throws StatementFailedException {
        if (inBatch == 0 && trailing.size() == 1) {
            try {
                st.execute(trailing.get(0));
            } catch (SQLException e) {
                throw new StatementFailedException(issued.size() + 1, trailing.get(0), true, e);
            }
            return;
        }
        try {
            for (String s : trailing) {
                st.addBatch(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int statements = inBatch;
        inBatch += trailing.size();
        if (inBatch == 0) {
            return;
        }
        try {
            st.executeBatch();
        } catch (BatchUpdateException e) {
            List<String> entries = new ArrayList<>(issued.subList(batchStart, batchStart + statements));
            entries.addAll(trailing);
            int entry = failedEntry(e, entries);
            if (entry >= statements) {
                throw new StatementFailedException(issued.size() + 1 + entry - statements, entries.get(entry), true, e);
            }
            throw new StatementFailedException(batchStart + entry + 1, issued.get(batchStart + entry), false, e);
        } catch (SQLException e) {
            if (statements == 0) {
                throw new StatementFailedException(issued.size() + 1, trailing.get(0), true, e);
            }
            throw new StatementFailedException(batchStart + 1, issued.get(batchStart), false, e);
        }
    }

    /**
     * The position in the batch of the entry that failed. In a transaction pgjdbc marks every entry
     * EXECUTE_FAILED, but its message names the failing entry ("Batch entry N <sql> was aborted",
     * localised around the number and the SQL), so the entry is the one whose number and text the
     * message carries.
     */
    private int failedEntry(BatchUpdateException e, List<String> entries) {
        int[] counts = e.getUpdateCounts();
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher number = ENTRY_NUMBER.matcher(message);
        if (number.find()) {
            int n = Integer.parseInt(number.group(1));
            if (n < entries.size() && message.contains(entries.get(n))) {
                return n;
            }
        }
        int best = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (message.contains(entries.get(i)) && (best < 0 || entries.get(i).length() > entries.get(best).length())) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                return i;
            }
        }
        return 0;
    }

    /** Carries a statement failure out through the migration's own code. */
    private static final class FailedStatement extends RuntimeException {
        private final StatementFailedException failure;

        FailedStatement(StatementFailedException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }
}
