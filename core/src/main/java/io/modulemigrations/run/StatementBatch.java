package io.modulemigrations.run;

import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.run.StatementFailedException.Kind;
import io.modulemigrations.sql.SqlStatement;
import io.modulemigrations.sql.SqlStatements;
import io.modulemigrations.sql.SqlSyntaxException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

/**
 * The {@link MigrationContext} of one running migration. In a transaction, statements are held
 * back and sent together with the history row, and the commit when the migration has a
 * transaction of its own, as one JDBC batch: one round trip per migration, or one for several
 * migrations {@link #sendTogether sent together}. Statements that return
 * rows cannot be batched and go alone, in order. Outside a transaction every statement is sent at
 * once, on its own.
 *
 * <p>Statements given as SQL are split and checked first: transaction control is refused before
 * anything is sent. A migration's code that takes the {@link #connection()} can end the transaction
 * through JDBC, though, so in a transaction the connection is handed out only after a cursor is
 * declared, which lives until the transaction ends; the history row is written only after closing
 * it: a {@code COMMIT} or {@code ROLLBACK} ends the transaction, takes the cursor with it, and the
 * migration fails instead of being recorded. (A setting local to the transaction would be cleared
 * by a {@code RESET ALL} in the migration too.) Migrations that never take the connection, SQL
 * files among them, send no cursor: two statements fewer per migration.
 */
public final class StatementBatch implements MigrationContext {

    private static final Pattern ENTRY_NUMBER = Pattern.compile("(\\d+)");
    /** Names each batch's guard: batches that are not finished (a replay's up, down, up) share a transaction. */
    private static final AtomicLong GUARDS = new AtomicLong();
    private static final int GUARD_ENTRY = -1;
    private static final int CHECK_ENTRY = -2;
    private static final int COMMIT_ENTRY = -3;
    /** Closing statement k is entry {@code CLOSING_ENTRY - k}. */
    private static final int CLOSING_ENTRY = -4;
    /** The {@code BEGIN} of a migration {@link #sendTogether sent together} with others. */
    private static final int BEGIN_ENTRY = Integer.MIN_VALUE;

    private final Connection connection;
    private final MigrationId id;
    private final boolean transactional;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<Boolean> fromFile = new ArrayList<>();
    private final String openGuard;
    private final String checkGuard;
    private int sent;
    private boolean guarded;
    /** Whether the migration's code took the connection, and with it the means to end the transaction. */
    private boolean connectionTaken;
    private boolean standardStrings = true;
    private List<String> closing = List.of();
    /** Whether the batch being sent ends with the commit. */
    private boolean commitSent;
    private @Nullable IntFunction<String> progress;
    private @Nullable StatementFailedException failure;

    public StatementBatch(Connection connection, MigrationId id, boolean transactional) {
        this.connection = connection;
        this.id = id;
        this.transactional = transactional;
        String guard = "module_migrations_guard_" + GUARDS.incrementAndGet();
        this.openGuard = "declare " + guard + " cursor for select";
        this.checkGuard = "close " + guard;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the SQL cannot be run as written (an unterminated quote
     *     or comment, a psql meta-command, {@code COPY ... FROM STDIN}) or ends the engine's transaction
     */
    @Override
    public void sql(String sql) {
        List<SqlStatement> parsed;
        try {
            parsed = SqlStatements.parse(sql);
        } catch (SqlSyntaxException e) {
            throw new IllegalArgumentException("Migration " + id + ": the SQL passed to sql() cannot be run: " + e.getMessage(), e);
        }
        for (SqlStatement s : parsed) {
            String refusal = s.code() ? s.refusal(transactional, "@ModuleMigration(transactional = false)") : null;
            if (refusal != null) {
                throw new IllegalArgumentException("Migration " + id + ": the SQL passed to sql() cannot be run: " + refusal);
            }
        }
        add(parsed, false);
    }

    /**
     * Issues statements of a SQL file as {@link SqlStatements#parse} split them there, so that
     * failures name the file's lines.
     */
    public void sql(List<SqlStatement> fileStatements) {
        add(fileStatements, true);
    }

    private void add(List<SqlStatement> parsed, boolean file) {
        for (SqlStatement s : parsed) {
            if (s.code()) {
                statements.add(s);
                fromFile.add(file);
            }
        }
        if (!transactional) {
            send();
        }
    }

    @Override
    public Connection connection() {
        connectionTaken = true;
        send();
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

    /** The statements issued so far, in order, in the form a Java migration's checksum hashes. */
    public List<String> issued() {
        return statements.stream().map(SqlStatement::rawText).toList();
    }

    /** Sends every statement issued so far (in a transaction: as a batch) and waits for the results. */
    public void flushStatements() throws StatementFailedException {
        finish(List.of(), false);
    }

    /**
     * Sends what is left, then the engine's closing statements (resetting the session, writing the
     * history row), in the same batch when in a transaction. In a transaction the closing statements
     * only run if the transaction is still the one the engine opened for this migration (checked when
     * the migration's code took the connection; checked SQL cannot end it). A failing closing statement
     * is reported as {@link StatementFailedException#historyWrite()}.
     *
     * @param commit in a transaction: end the batch with {@code COMMIT}, which saves the round trip of
     *     a separate commit; a commit that fails is reported as {@link Kind#COMMIT}
     * @throws StatementFailedException naming the statement that failed, also when it failed earlier
     *                                  inside {@link #sql} or {@link #connection} and the migration swallowed it
     */
    public void finish(List<String> closing, boolean commit) throws StatementFailedException {
        if (failure != null) {
            throw failure;
        }
        try {
            if (!closing.isEmpty() && !transactional) {
                flush(false, List.of(), false);
                requireNoOpenTransaction();
            }
            flush(!closing.isEmpty() && transactional, closing, commit && transactional);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether this migration's batch can be {@link #sendTogether sent together} with others': in a
     * transaction, nothing sent yet, the connection not taken, and every statement one a JDBC batch
     * can carry as the session starts (none returns rows, none needs the quoting a setting changed).
     */
    public boolean joinable() {
        if (!transactional || connectionTaken || sent != 0 || failure != null) {
            return false;
        }
        for (SqlStatement s : statements) {
            if (!s.standardStrings() || SqlStatements.returnsRows(s.text())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends several {@link #joinable()} migrations' batches as one JDBC batch: each its own transaction
     * ({@code BEGIN}, its statements, its {@code closing} statements, {@code COMMIT}), in order, on a
     * connection in autocommit. The server runs them one after the other and skips everything after
     * the first failure, so the migrations before a failing one are committed and none after it ran.
     *
     * @throws TogetherFailed naming the migration that failed and how far the others got
     */
    public static void sendTogether(Connection connection, List<StatementBatch> batches, List<List<String>> closings) throws TogetherFailed {
        List<int[]> entries = new ArrayList<>();
        boolean sent = false;
        try {
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                st.setEscapeProcessing(false);
                for (int k = 0; k < batches.size(); k++) {
                    StatementBatch b = batches.get(k);
                    b.closing = closings.get(k);
                    b.commitSent = true;
                    st.addBatch("begin");
                    entries.add(new int[] {k, BEGIN_ENTRY});
                    for (int i = 0; i < b.statements.size(); i++) {
                        st.addBatch(b.statements.get(i).text());
                        entries.add(new int[] {k, i});
                    }
                    for (int i = 0; i < b.closing.size(); i++) {
                        st.addBatch(b.closing.get(i));
                        entries.add(new int[] {k, CLOSING_ENTRY - i});
                    }
                    st.addBatch("commit");
                    entries.add(new int[] {k, COMMIT_ENTRY});
                }
                sent = true;
                st.executeBatch();
                batches.forEach(b -> b.sent = b.statements.size());
            }
        } catch (SQLException e) {
            // Only a batch that was sent names an entry; a failure before it (autocommit, the statement) is the first migration's.
            int[] entry = e instanceof BatchUpdateException b ? entries.get(failedEntry(b.getMessage(), b.getUpdateCounts(), entries.size(),
                    n -> batches.get(entries.get(n)[0]).entryText(entries.get(n)[1]))) : new int[] {0, BEGIN_ENTRY};
            throw new TogetherFailed(entry[0], batches.get(entry[0]).failed(entry[1], e), reportedByServer(e), sent);
        }
    }

    /**
     * What {@link #sendTogether} met: the failure of the migration at {@code index}. When the server
     * reported it, the migrations before it are committed and none after it ran; otherwise (the
     * connection failed) none of the migrations from {@code index} on is known to be committed or not,
     * unless the batch was never {@linkplain #sent() sent}: then none of them ran.
     */
    public static final class TogetherFailed extends Exception {

        private final int index;
        private final boolean reportedByServer;
        private final boolean sent;

        TogetherFailed(int index, StatementFailedException failure, boolean reportedByServer, boolean sent) {
            super(failure);
            this.index = index;
            this.reportedByServer = reportedByServer;
            this.sent = sent;
        }

        /** The position of the failing migration among those sent together. */
        public int index() {
            return index;
        }

        /** The failing migration's statement failure. */
        public StatementFailedException failure() {
            return (StatementFailedException) getCause();
        }

        /** Whether the server itself answered with the error, so that what came after it did not run. */
        public boolean reportedByServer() {
            return reportedByServer;
        }

        /** Whether the batch went to the server; when not, none of its migrations ran. */
        public boolean sent() {
            return sent;
        }
    }

    private void send() {
        if (failure != null) {
            throw new IllegalStateException("migration " + id + " continued after a failed statement", failure);
        }
        try {
            flush(false, List.of(), false);
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

    private void flush(boolean check, List<String> closing, boolean commit) throws SQLException, StatementFailedException {
        int end = statements.size();
        boolean guard = transactional && connectionTaken && !guarded;
        check &= guarded || guard;
        if (sent == end && closing.isEmpty() && !guard && !commit) {
            return;
        }
        this.closing = closing;
        this.commitSent = false;
        try (Statement st = connection.createStatement()) {
            // psql sends the text as it is: no JDBC escapes ({fn ...}, {d ...}) are rewritten
            st.setEscapeProcessing(false);
            List<Integer> batch = new ArrayList<>();
            if (guard) {
                st.addBatch(openGuard);
                batch.add(GUARD_ENTRY);
                guarded = true;
            }
            for (int i = sent; i < end; i++) {
                SqlStatement s = statements.get(i);
                boolean alone = !transactional || SqlStatements.returnsRows(s.text());
                if (alone || s.standardStrings() != standardStrings) {
                    // the driver reads quotes with the setting it last heard of: let a SET before this statement take effect first
                    runBatch(st, batch);
                }
                standardStrings = s.standardStrings();
                if (alone) {
                    try {
                        st.execute(s.text());
                    } catch (SQLException e) {
                        throw failed(i, e);
                    }
                    if (!transactional && progress != null) {
                        recordProgress(st, progress.apply(i + 1));
                    }
                } else {
                    st.addBatch(s.text());
                    batch.add(i);
                }
            }
            sent = end;
            if (check) {
                st.addBatch(checkGuard);
                batch.add(CHECK_ENTRY);
            }
            for (int k = 0; k < closing.size(); k++) {
                st.addBatch(closing.get(k));
                batch.add(CLOSING_ENTRY - k);
            }
            if (commit) {
                st.addBatch("commit");
                batch.add(COMMIT_ENTRY);
                commitSent = true;
            }
            runBatch(st, batch);
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

    /**
     * Outside a transaction the history row commits on its own, unless the migration opened a
     * transaction block (BEGIN without COMMIT): then it would wait in that block, and so would the
     * connection handed back afterwards.
     */
    private void requireNoOpenTransaction() throws StatementFailedException {
        try {
            BaseConnection pg = connection.unwrap(BaseConnection.class);
            if (pg.getTransactionState() != TransactionState.IDLE) {
                try (Statement st = connection.createStatement()) {
                    st.execute("rollback");
                }
                throw new StatementFailedException(statements.size(), statements.isEmpty() ? "" : statements.get(statements.size() - 1).text(),
                        Kind.TRANSACTION_ENDED, null, new SQLException("the migration left a transaction block open (BEGIN without COMMIT)", "25001"), false);
            }
        } catch (SQLException e) {
            // not a PostgreSQL connection the driver can tell about; nothing to check
        }
    }

    private void runBatch(Statement st, List<Integer> batch) throws StatementFailedException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            st.executeBatch();
        } catch (BatchUpdateException e) {
            throw failed(batch.get(failedEntry(e, batch)), e);
        } catch (SQLException e) {
            throw failed(batch.get(0), e);
        } finally {
            batch.clear();
        }
    }

    private StatementFailedException failed(int entry, SQLException e) {
        // With the commit in the failed batch, only the server's own error for an entry before it
        // shows that the commit never ran; a connection that just broke leaves it open.
        boolean commitMayHaveRun = commitSent && (entry == COMMIT_ENTRY || !reportedByServer(e));
        if (entry == CHECK_ENTRY) {
            return new StatementFailedException(statements.size(), closing.isEmpty() ? "" : closing.get(closing.size() - 1), Kind.TRANSACTION_ENDED, null, e,
                    commitMayHaveRun);
        }
        if (entry == COMMIT_ENTRY) {
            return new StatementFailedException(statements.size() + 1, "commit", Kind.COMMIT, null, e, commitMayHaveRun);
        }
        if (entry <= CLOSING_ENTRY && entry != BEGIN_ENTRY) {
            return new StatementFailedException(statements.size() + 1, closing.get(CLOSING_ENTRY - entry), Kind.HISTORY_WRITE, null, e, commitMayHaveRun);
        }
        if (entry == GUARD_ENTRY || entry == BEGIN_ENTRY) {
            return new StatementFailedException(Math.min(1, statements.size()), sent < statements.size() ? statements.get(sent).text() : "",
                    Kind.STATEMENT, null, e, commitMayHaveRun);
        }
        SqlStatement s = statements.get(entry);
        return new StatementFailedException(entry + 1, s.text(), Kind.STATEMENT, fromFile.get(entry) ? s.lines() : null, e, commitMayHaveRun);
    }

    /**
     * Whether the server itself answered with this error (so the statement it answers, a commit
     * included, did not take effect), rather than the connection failing on the way.
     */
    public static boolean reportedByServer(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return true;
            }
        }
        return false;
    }

    private String entryText(int entry) {
        return switch (entry) {
            case GUARD_ENTRY -> openGuard;
            case BEGIN_ENTRY -> "begin";
            case CHECK_ENTRY -> checkGuard;
            case COMMIT_ENTRY -> "commit";
            default -> entry <= CLOSING_ENTRY ? closing.get(CLOSING_ENTRY - entry) : withoutTerminator(statements.get(entry).text());
        };
    }

    /** The driver sends a statement without its final {@code ;}, and names it so in its messages. */
    private static String withoutTerminator(String text) {
        return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    }

    /**
     * The position in the batch of the entry that failed. In a transaction pgjdbc marks every entry
     * EXECUTE_FAILED, but its message names the failing entry ("Batch entry N <sql> was aborted",
     * localised around the number and the SQL), so the entry is the one whose number and text the
     * message carries.
     */
    private int failedEntry(BatchUpdateException e, List<Integer> batch) {
        return failedEntry(String.valueOf(e.getMessage()), e.getUpdateCounts(), batch.size(), n -> entryText(batch.get(n)));
    }

    private static int failedEntry(@Nullable String reported, int[] counts, int size, IntFunction<String> entryText) {
        String message = String.valueOf(reported);
        Matcher number = ENTRY_NUMBER.matcher(message);
        if (number.find()) {
            int n = Integer.parseInt(number.group(1));
            if (n < size && message.contains(entryText.apply(n))) {
                return n;
            }
        }
        int best = -1;
        for (int i = 0; i < size; i++) {
            String text = entryText.apply(i);
            if (message.contains(text) && (best < 0 || text.length() > entryText.apply(best).length())) {
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
