package io.modulemigrations;

import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.run.StatementFailedException;
import io.modulemigrations.lock.LockBlocker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One migration step failed; carries what is needed to tell the user exactly what. */
final class StepFailure extends Exception {

    private static final int STATEMENT_SHOWN = 600;

    final LoadedMigration migration;
    final Direction direction;
    final @Nullable StatementFailedException statement;
    final boolean partlyApplied;
    private @Nullable String lockNote;
    private @Nullable LockBlocker blocker;

    StepFailure(LoadedMigration migration, Direction direction, @Nullable StatementFailedException statement, Throwable cause, boolean partlyApplied) {
        super(cause);
        this.migration = migration;
        this.direction = direction;
        this.statement = statement;
        this.partlyApplied = partlyApplied;
    }

    /** Marks this failure as a lock timeout: who blocked it and whether (or why not) it was retried. */
    void lockTimedOut(Duration lockTimeout, @Nullable LockBlocker blocker, String tries) {
        this.blocker = blocker;
        this.lockNote = "It could not get a lock within lock-timeout " + lockTimeout.toMillis() + " ms; " + tries + ". Blocked by "
                + (blocker == null ? "a session that could not be identified (it had let go by the time it was looked at)" : blocker) + ".";
    }

    /**
     * Whether the failure is the connection ending rather than the migration's SQL: SQLSTATE class 08
     * (connection exception) or 57P01–57P03 (the server terminated the session: pg_terminate_backend,
     * shutdown, restart).
     */
    boolean connectionLost() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /** What to do next, for a command's message. */
    String next(String otherwise) {
        if (connectionLost()) {
            return "Next: nothing points at the migration itself; find out why the connection ended (a database restart or"
                    + " failover, pg_terminate_backend, a proxy or firewall closing it, the network), then run again.";
        }
        if (lockNote == null) {
            return otherwise;
        }
        return "Next: the migration itself is fine; let the blocking session finish"
                + (blocker == null ? "" : " or end it (select pg_terminate_backend(" + blocker.pid() + "))")
                + ", then run again, preferably when the table is quieter; or raise lock-timeout or lock-retries.";
    }

    /** What failed, in words: module, migration, statement and the database's message. */
    String describe() {
        return lockNote == null ? describeStatement() : describeStatement() + "\n  " + lockNote;
    }

    private String describeStatement() {
        String step = "module " + migration.module() + ", migration " + migration.name() + " (" + (direction == Direction.UP ? "up" : "down")
                + ", " + migration.source() + ")";
        if (statement == null) {
            Throwable c = getCause();
            return "Failed: " + step + ": its code threw " + c.getClass().getName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        }
        if (statement.historyWrite()) {
            return "Failed: " + step + ": its statements ran, but writing the history row failed: " + statement.databaseMessage();
        }
        String sql = statement.statement();
        if (sql.length() > STATEMENT_SHOWN) {
            sql = sql.substring(0, STATEMENT_SHOWN) + " …";
        }
        return "Failed: " + step + " at statement " + statement.number() + ":\n    " + sql.replace("\n", "\n    ")
                + (connectionLost() ? "\n  The connection to the database was lost while it ran: " : "\n  The database said: ")
                + statement.databaseMessage().replace("\n", "\n  ");
    }

    /** What became of the failing migration itself. */
    String fate() {
        if (partlyApplied) {
            return "This migration runs without a transaction: its statements before "
                    + (statement == null ? "the failure" : "statement " + statement.number()) + " were applied and stay applied; it is not recorded as applied. Make its statements safe to repeat"
                    + " (if not exists) or undo them by hand before running again.";
        }
        if (connectionLost() && statement == null) {
            return "The connection was lost while its transaction was committing, so whether the commit took effect is not known:"
                    + " the migration and its history row commit together, so if db:status lists it as applied it is applied, otherwise nothing of it is.";
        }
        if (connectionLost()) {
            return direction == Direction.UP
                    ? "Its transaction ended with the connection, so the database rolled it back: nothing of it is applied or recorded."
                    : "Its transaction ended with the connection, so the database rolled it back: the migration is still applied and recorded.";
        }
        return direction == Direction.UP
                ? "This migration was rolled back as a whole: nothing of it is applied or recorded."
                : "This rollback step was undone as a whole: the migration is still applied and recorded.";
    }

    @Nullable String statementText() {
        return statement == null ? null : statement.statement();
    }
}
