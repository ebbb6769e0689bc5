package io.modulemigrations;

import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.SqlFileMigration;
import io.modulemigrations.run.StatementFailedException;
import io.modulemigrations.lock.LockBlocker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One migration step failed; carries what is needed to tell the user exactly what. */
final class StepFailure extends Exception {

    private static final int STATEMENT_SHOWN = 600;
    /** SQLSTATE 25001: the statement cannot run inside a transaction block. */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

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

    /** What to do next, for a command's message. */
    String next(String otherwise) {
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
        if (statement.kind() == StatementFailedException.Kind.TRANSACTION_ENDED) {
            return transactional()
                    ? "Failed: " + step + ": it ended the transaction the engine ran it in (a COMMIT, ROLLBACK or the like in its SQL,"
                    + " or commit(), rollback() or setAutoCommit(true) on connection()). The engine owns that transaction: it commits"
                    + " the migration together with its history row, or neither."
                    : "Failed: " + step + ": it left a transaction block open (BEGIN without COMMIT), so its history row could not be"
                    + " committed on its own.";
        }
        String sql = statement.statement();
        if (sql.length() > STATEMENT_SHOWN) {
            sql = sql.substring(0, STATEMENT_SHOWN) + " …";
        }
        String where = statement.fileLocation();
        String described = "Failed: " + step + " at statement " + statement.number() + (where == null ? "" : " (" + where + ")") + ":\n    "
                + sql.replace("\n", "\n    ") + "\n  The database said: " + statement.databaseMessage().replace("\n", "\n  ");
        if (ACTIVE_SQL_TRANSACTION.equals(statement.sqlState()) && transactional()) {
            described += "\n  This statement cannot run inside a transaction block. Mark the migration "
                    + (migration instanceof SqlFileMigration ? "'-- migrate:" + (direction == Direction.UP ? "up" : "down") + " transaction:false'"
                    : "@ModuleMigration(transactional = false)") + " (best with this statement in a migration of its own).";
        }
        return described;
    }

    private boolean transactional() {
        return direction == Direction.UP ? migration.transactional() : migration.downTransactional();
    }

    /** True when the migration ended (or left open) the transaction the engine runs it in. */
    boolean transactionEnded() {
        return statement != null && statement.kind() == StatementFailedException.Kind.TRANSACTION_ENDED;
    }

    /** What became of the failing migration itself. */
    String fate() {
        if (transactionEnded()) {
            return transactional()
                    ? "It is not recorded as applied, and the engine cannot tell what of it is: what ran before its transaction ended was"
                    + " committed or rolled back by the migration itself; what ran after that was rolled back (unless the migration"
                    + " switched to autocommit). Check the schema and undo by hand what stayed, remove the transaction control from the"
                    + " migration, then run again."
                    : "The engine rolled the open transaction block back: statements since its BEGIN are undone, statements before it"
                    + " stay applied; it is not recorded as applied. End the block with COMMIT, undo by hand what stayed, then run again.";
        }
        if (partlyApplied) {
            return "This migration runs without a transaction: its statements before "
                    + (statement == null ? "the failure" : "statement " + statement.number()) + " were applied and stay applied; it is not recorded as applied. Make its statements safe to repeat"
                    + " (if not exists) or undo them by hand before running again.";
        }
        return direction == Direction.UP
                ? "This migration was rolled back as a whole: nothing of it is applied or recorded."
                : "This rollback step was undone as a whole: the migration is still applied and recorded.";
    }

    @Nullable String statementText() {
        return statement == null ? null : statement.statement();
    }
}
