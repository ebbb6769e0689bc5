package io.modulemigrations;

import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.migration.SqlFileMigration;
import io.modulemigrations.run.StatementFailedException;
import io.modulemigrations.lock.LockBlocker;
import io.modulemigrations.history.ProgressTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
    private final List<String> statements;
    private final ProgressTable.@Nullable Unfinished earlier;
    private final @Nullable String recordByHand;
    private @Nullable String lockNote;
    private @Nullable LockBlocker blocker;
    private List<MigrationId> sentWith = List.of();

    /**
     * @param statements   the statements the migration issued in this run
     * @param earlier      for a migration without a transaction: an earlier run that stopped part-way, else null
     * @param recordByHand for a migration without a transaction: the statement that records it as done (and clears its progress)
     */
    StepFailure(LoadedMigration migration, Direction direction, @Nullable StatementFailedException statement, Throwable cause, boolean partlyApplied,
                List<String> statements, ProgressTable.@Nullable Unfinished earlier, @Nullable String recordByHand) {
        super(cause);
        this.migration = migration;
        this.direction = direction;
        this.statement = statement;
        this.partlyApplied = partlyApplied;
        this.statements = List.copyOf(statements);
        this.earlier = earlier;
        this.recordByHand = recordByHand;
    }

    /** Marks this failure as a lock timeout: who blocked it and whether (or why not) it was retried. */
    void lockTimedOut(Duration lockTimeout, @Nullable LockBlocker blocker, String tries) {
        this.blocker = blocker;
        this.lockNote = "It could not get a lock within lock-timeout " + lockTimeout.toMillis() + " ms; " + tries + ". Blocked by "
                + (blocker == null ? "a session that could not be identified (it had let go by the time it was looked at)" : blocker) + ".";
    }

    /**
     * Marks this failure as one of the connection among migrations sent together: the server may have
     * run and committed {@code after} (the module's migrations sent after this one) before it failed.
     */
    void sentWith(List<MigrationId> after) {
        this.sentWith = List.copyOf(after);
    }

    /**
     * The migrations whose outcome the connection's failure leaves unknown: this one when it failed while
     * it may have been committing, and those sent together after it; empty otherwise.
     */
    List<MigrationId> outcomeUnknown() {
        if (!commitInDoubt()) {
            return sentWith;
        }
        List<MigrationId> unknown = new ArrayList<>(List.of(migration.id()));
        unknown.addAll(sentWith);
        return unknown;
    }

    private boolean commitInDoubt() {
        return connectionLost() && (statement == null || statement.commitMayHaveRun());
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
        if (partlyApplied && earlier != null) {
            return nextAfterUnfinishedEarlier();
        }
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
        if (statement.kind() == StatementFailedException.Kind.COMMIT) {
            return "Failed: " + step + ": its statements ran and its history row was written, but the commit failed: "
                    + statement.databaseMessage();
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
                + sql.replace("\n", "\n    ")
                + (connectionLost() ? "\n  The connection to the database was lost while it ran: " : "\n  The database said: ")
                + statement.databaseMessage().replace("\n", "\n  ");
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

    /** What became of the failing migration itself, and of those sent together after it when that is not known. */
    String fate() {
        if (sentWith.isEmpty()) {
            return ownFate();
        }
        return ownFate() + " It was sent together with the module's next " + sentWith.size() + " migration(s) ("
                + sentWith.stream().map(MigrationId::name).collect(Collectors.joining(", "))
                + "), each in a transaction of its own with its history row: the server may have run and committed any of them before"
                + " the connection failed. db:status lists those that are applied.";
    }

    private String ownFate() {
        if (transactionEnded()) {
            return transactional()
                    ? "It is not recorded as applied, and the engine cannot tell what of it is: what ran before its transaction ended was"
                    + " committed or rolled back by the migration itself; what ran after that was rolled back (unless the migration"
                    + " switched to autocommit). Check the schema and undo by hand what stayed, remove the transaction control from the"
                    + " migration, then run again."
                    : "The engine rolled the open transaction block back: statements since its BEGIN are undone, statements before it"
                    + " stay applied; it is not recorded as applied. End the block with COMMIT, undo by hand what stayed, then run again.";
        }
        if (partlyApplied && earlier != null) {
            return unfinishedEarlier();
        }
        if (partlyApplied) {
            return "This migration runs without a transaction: its statements before "
                    + (statement == null ? "the failure" : "statement " + statement.number()) + " were applied and stay applied; it is not recorded as applied. Make its statements safe to repeat"
                    + " (if not exists) or undo them by hand before running again.";
        }
        if (commitInDoubt()) {
            String known = direction == Direction.UP
                    ? " the migration and its history row commit together, so if db:status lists it as applied it is applied, otherwise nothing of it is."
                    : " the rollback and the removal of its history row commit together, so if db:status still lists it as applied nothing of the"
                    + " rollback took effect, otherwise it is rolled back.";
            return "The connection was lost while its transaction was committing, so whether the commit took effect is not known:" + known;
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

    /** A rerun of a migration without a transaction that an earlier run left part-way: which statements may be applied. */
    private String unfinishedEarlier() {
        int failedAt = statement == null ? statements.size() + 1 : statement.historyWrite() ? statements.size() + 1 : statement.number();
        // The earlier run completed statementsDone; the next one was running when it stopped and may have taken effect too.
        int mayBeApplied = Math.min(statements.size(), Math.max(earlier.statementsDone() + 1, failedAt - 1));
        StringBuilder sb = new StringBuilder("This migration runs without a transaction, and an earlier run of it stopped part-way (it started at ")
                .append(earlier.startedAt()).append(" and had completed at least ").append(earlier.statementsDone()).append(" of its statements; the next one")
                .append(" was running when it stopped and may have taken effect as well). This run failed at ")
                .append(failedAt > statements.size() ? "the history write" : "statement " + failedAt)
                .append(". So statements 1 to ").append(mayBeApplied).append(" may already be applied:");
        for (int i = 0; i < mayBeApplied; i++) {
            String first = statements.get(i).strip().lines().findFirst().orElse("");
            sb.append("\n    ").append(i + 1).append(". ").append(first.length() > 100 ? first.substring(0, 100) + " …" : first);
        }
        sb.append("\nIt is not recorded as ").append(direction == Direction.UP ? "applied" : "rolled back").append('.');
        return sb.toString();
    }

    private String nextAfterUnfinishedEarlier() {
        return "Next: check which of those statements are in effect; then either run the rest by hand and record it with\n    " + recordByHand
                + "\n  or undo them by hand and run again (statements written to be safe to repeat, e.g. with 'if not exists',"
                + " let a rerun finish it on its own).";
    }

    @Nullable String statementText() {
        return statement == null ? null : statement.statement();
    }
}
