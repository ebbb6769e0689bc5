package io.modulemigrations;

import io.modulemigrations.history.HistoryTable;
import io.modulemigrations.history.ProgressTable;
import io.modulemigrations.lock.LockBlocker;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.SqlFileMigration;
import io.modulemigrations.run.StatementBatch;
import io.modulemigrations.run.StatementFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one migration up or down on a connection, with its history row, and tells listeners. */
final class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    private final HistoryTable history;
    private final ProgressTable progress;
    private final @Nullable String appliedBy;
    private final List<MigrationListener> listeners;
    private final Database database;
    private final @Nullable Duration lockTimeout;
    private final int lockRetries;
    /** At most this many migrations are sent together. */
    static final int TOGETHER = 64;

    StepRunner(HistoryTable history, ProgressTable progress, @Nullable String appliedBy, List<MigrationListener> listeners, Database database,
               @Nullable Duration lockTimeout, int lockRetries) {
        this.history = history;
        this.progress = progress;
        this.appliedBy = appliedBy;
        this.listeners = listeners;
        this.database = database;
        this.lockTimeout = lockTimeout;
        this.lockRetries = lockRetries;
    }

    /**
     * Applies {@code m} and records it in {@code batch}.
     *
     * @param inOpenTransaction true when the caller holds one transaction for several steps and commits it
     */
    ExecutedMigration up(Connection c, LoadedMigration m, int batch, boolean inOpenTransaction) throws StepFailure {
        return run(c, m, Direction.UP, inOpenTransaction, batch);
    }

    /**
     * Applies, from {@code from} on, the module's next migrations that can be sent together: SQL files
     * whose up runs in a transaction and whose statements a JDBC batch carries, up to {@value #TOGETHER}
     * of them, as one batch in which each is its own transaction with its history row (one round trip
     * instead of one per migration). Only when nothing needs to see each step as it happens (no
     * listener that {@linkplain MigrationListener#watchesEachStep watches each step}, no lock-timeout to
     * retry on). Each migration committed is passed to {@code committed}.
     *
     * @return how many migrations were applied; 0 when fewer than two could go together (nothing was sent)
     * @throws StepFailure for the migration that failed, after the ones before it were passed on; none after it ran,
     *     unless the connection failed, which the failure then says
     */
    int upTogether(Connection c, List<LoadedMigration> module, int from, int batch, Consumer<ExecutedMigration> committed) throws StepFailure {
        if (lockTimeout != null || listeners.stream().anyMatch(MigrationListener::watchesEachStep)) {
            return 0;
        }
        List<LoadedMigration> group = new ArrayList<>();
        List<StatementBatch> batches = new ArrayList<>();
        List<List<String>> closings = new ArrayList<>();
        for (int i = from; i < module.size() && group.size() < TOGETHER; i++) {
            LoadedMigration m = module.get(i);
            if (!(m instanceof SqlFileMigration file) || !m.transactional()) {
                break;
            }
            // A SQL file's up only hands its statements to a batch in a transaction: nothing is sent here.
            StatementBatch b = new StatementBatch(c, m.id(), true);
            file.up(b);
            if (!b.joinable()) {
                break;
            }
            group.add(m);
            batches.add(b);
            closings.add(upClosing(c, m, b, batch, null));
        }
        if (group.size() < 2) {
            return 0;
        }
        group.forEach(m -> log.debug("{}: applying {} (sent together with {} other(s))", m.module(), m.name(), group.size() - 1));
        long start = System.nanoTime();
        try {
            StatementBatch.sendTogether(c, batches, closings);
        } catch (StatementBatch.TogetherFailed f) {
            if (f.reportedByServer()) {
                rollbackStatementQuietly(c);
            }
            passOn(c, group.subList(0, f.index()), committed);
            LoadedMigration m = group.get(f.index());
            StepFailure failure = new StepFailure(m, Direction.UP, f.failure(), f.failure().getCause(), false, batches.get(f.index()).issued(), null, null);
            if (f.sent() && !f.reportedByServer()) {
                failure.sentWith(group.subList(f.index() + 1, group.size()).stream().map(LoadedMigration::id).toList());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listeners.forEach(l -> l.migrationStarted(m.id(), Direction.UP));
            listeners.forEach(l -> l.migrationFinished(m.id(), Direction.UP, took, failure.getCause()));
            log.error("{}: applying {} failed after {} ms (sent together with {} other(s))", m.module(), m.name(), took.toMillis(),
                    group.size() - 1);
            throw failure;
        }
        passOn(c, group, committed);
        return group.size();
    }

    /** Passes on migrations sent together and committed, each with the duration its history row records. */
    private void passOn(Connection c, List<LoadedMigration> done, Consumer<ExecutedMigration> committed) {
        if (done.isEmpty()) {
            return;
        }
        Map<String, Long> ms;
        try {
            ms = history.executionMs(c, done.get(0).module(), done.stream().map(LoadedMigration::name).toList());
        } catch (SQLException e) {
            // the connection failed after they committed; their durations are in the history
            ms = Map.of();
        }
        for (LoadedMigration m : done) {
            Duration took = Duration.ofMillis(ms.getOrDefault(m.name(), 0L));
            listeners.forEach(l -> l.migrationStarted(m.id(), Direction.UP));
            listeners.forEach(l -> l.migrationFinished(m.id(), Direction.UP, took, null));
            log.debug("{}: applied {} in {} ms", m.module(), m.name(), took.toMillis());
            committed.accept(new ExecutedMigration(m.module(), m.name(), Direction.UP, took));
        }
    }

    /** Undoes {@code m} and removes its history row. */
    ExecutedMigration down(Connection c, LoadedMigration m, boolean inOpenTransaction) throws StepFailure {
        return run(c, m, Direction.DOWN, inOpenTransaction, 0);
    }

    private ExecutedMigration run(Connection c, LoadedMigration m, Direction direction, boolean inOpenTransaction, int batch) throws StepFailure {
        boolean up = direction == Direction.UP;
        boolean transactional = inOpenTransaction || (up ? m.transactional() : m.downTransactional());
        log.debug("{}: {} {}", m.module(), up ? "applying" : "rolling back", m.name());
        listeners.forEach(l -> l.migrationStarted(m.id(), direction));
        long start = System.nanoTime();
        try {
            for (int retry = 1; ; retry++) {
                LockWait wait = lockTimeout == null ? null : new LockWait(lockTimeout);
                try {
                    attempt(c, m, direction, transactional, inOpenTransaction, batch, wait);
                    break;
                } catch (StepFailure f) {
                    if (wait == null || !lockNotAvailable(f.getCause())) {
                        throw f;
                    }
                    String notRetried = !transactional ? "it was not retried because it runs without a transaction: statements"
                            + " before the failing one stay applied, and running it again could repeat them"
                            : inOpenTransaction ? "it was not retried because it ran inside the run's single all-or-nothing"
                            + " transaction, which the failure has rolled back as a whole"
                            : retry > lockRetries ? "it was tried " + retry + " time(s) (lock-retries " + lockRetries + ")" : null;
                    if (notRetried != null) {
                        f.lockTimedOut(lockTimeout, wait.blockedBy, notRetried);
                        throw f;
                    }
                    Duration pause = lockTimeout.multipliedBy(1L << Math.min(retry - 1, 6));
                    log.warn("{}: {} {} could not get a lock within lock-timeout {} ms; blocked by {}. Retry {} of {} in {} ms",
                            m.module(), up ? "applying" : "rolling back", m.name(), lockTimeout.toMillis(),
                            wait.blockedBy == null ? "a session that could not be identified" : wait.blockedBy, retry, lockRetries, pause.toMillis());
                    int r = retry;
                    listeners.forEach(l -> l.lockRetry(m.id(), direction, r, lockRetries, pause, wait.blockedBy));
                    pauseBeforeRetry(f, pause);
                }
            }
        } catch (StepFailure failure) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listeners.forEach(l -> l.migrationFinished(m.id(), direction, took, failure.getCause()));
            log.error("{}: {} {} failed after {} ms", m.module(), up ? "applying" : "rolling back", m.name(), took.toMillis());
            throw failure;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        listeners.forEach(l -> l.migrationFinished(m.id(), direction, took, null));
        log.debug("{}: {} {} in {} ms", m.module(), up ? "applied" : "rolled back", m.name(), took.toMillis());
        return new ExecutedMigration(m.module(), m.name(), direction, took);
    }

    /** One try of one step; a transactional step leaves nothing behind when it fails. */
    private void attempt(Connection c, LoadedMigration m, Direction direction, boolean transactional, boolean inOpenTransaction,
                         int batch, @Nullable LockWait wait) throws StepFailure {
        boolean up = direction == Direction.UP;
        // A transaction of this step's own, which it commits (else the caller's, or none).
        boolean ownTransaction = transactional && !inOpenTransaction;
        long start = System.nanoTime();
        StatementBatch b = new StatementBatch(c, m.id(), transactional);
        BlockerWatch watch = null;
        String way = up ? "up" : "down";
        ProgressTable.Unfinished earlier = null;
        try {
            if (!inOpenTransaction) {
                c.setAutoCommit(!transactional);
            }
            if (!transactional) {
                earlier = progress.start(c, m.id(), way);
                if (earlier != null) {
                    log.warn("{}: an earlier run of {} ({}) stopped part-way on {} after {} statement(s); running it again",
                            m.module(), m.name(), way, earlier.startedAt(), earlier.statementsDone());
                }
                b.recordProgress(n -> progress.doneSql(m.id(), way, n));
            }
            if (wait != null) {
                watch = BlockerWatch.start(database, c, wait.lockTimeout);
            }
            if (up) {
                m.up(b);
            } else {
                m.down(b);
            }
            // Where the server cannot time the step (no transaction of its own), its statements go first and
            // it is timed here for its history row; a down writes no duration, so its closing rides along.
            Long ms = null;
            if (up && (!transactional || inOpenTransaction)) {
                b.flushStatements();
                ms = (System.nanoTime() - start) / 1_000_000;
            }
            // The session goes back to its defaults before the history row is written, in the same batch:
            // what the migration set (search_path, role, a setting) reaches neither the history write nor
            // the next migration. Up, the history insert itself sets the engine's settings again as it
            // writes its row (one statement fewer per migration); down, a delete that found no row would
            // set nothing, so the settings get a statement of their own.
            List<String> closing = up ? upClosing(c, m, b, batch, ms) : new ArrayList<>(database.resetStatementsForBatch(c, history.qualifiedName()));
            if (!up) {
                closing.add(history.deleteSql(m.id()));
            }
            if (!transactional) {
                // Without a transaction the history write also clears the progress row, in one statement.
                closing.add(progress.finishedSql(m.id(), way, closing.remove(closing.size() - 1)));
            }
            // The commit rides in the batch; commit() then finds no transaction and sends nothing,
            // but tells the pool the connection has nothing left to commit.
            b.finish(closing, ownTransaction);
            if (ownTransaction) {
                c.commit();
            }
        } catch (Exception e) {
            StatementFailedException sf = StatementBatch.failureOf(e);
            if (watch != null) {
                watch.close();
                wait.blockedBy = lockNotAvailable(sf != null ? sf.getCause() : e) ? watch.blocker() : null;
            }
            if (ownTransaction) {
                rollbackQuietly(c);
            }
            if (!transactional) {
                resetQuietly(c);
            }
            boolean partly = !transactional && (earlier != null || (sf != null ? sf.number() > 1 || sf.historyWrite() : !b.issued().isEmpty()));
            List<String> planned = earlier == null ? null : m.plannedStatements(up);
            throw new StepFailure(m, direction, sf, sf != null ? sf.getCause() : e, partly, planned != null ? planned : b.issued(), earlier,
                    transactional ? null : progress.finishedSql(m.id(), way, up
                            ? history.insertSql(m.id(), batch, m.checksumAfterUp(b::issued), null, appliedBy, null) : history.deleteSql(m.id())));
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /**
     * What ends an up: the session back to its defaults, then its history row, whose insert sets the
     * engine's settings again as it writes it.
     */
    private List<String> upClosing(Connection c, LoadedMigration m, StatementBatch b, int batch, @Nullable Long ms) {
        List<String> closing = new ArrayList<>(database.defaultsForBatch(c));
        closing.add(history.insertSql(m.id(), batch, m.checksumAfterUp(b::issued), ms, appliedBy, database.settingsCondition(c)));
        return closing;
    }

    /** The lock timeout of one try, and who blocked it when it timed out. */
    private static final class LockWait {

        final Duration lockTimeout;
        @Nullable LockBlocker blockedBy;

        LockWait(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
        }
    }

    /** SQLSTATE 55P03 (lock_not_available): {@code lock_timeout} ran out, or a {@code nowait} lock was taken. */
    static boolean lockNotAvailable(@Nullable Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof SQLException s && "55P03".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pauseBeforeRetry(StepFailure f, Duration pause) throws StepFailure {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw f;
        }
    }

    /** After a failure outside a transaction what the statements that ran had set stays on the session: reset it. */
    private void resetQuietly(Connection c) {
        try (java.sql.Statement st = c.createStatement()) {
            for (String sql : database.resetStatements(c)) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            // the connection is broken; the run ends and its pool discards it
        }
    }

    /** Ends a failed transaction on a connection in autocommit, where {@link Connection#rollback()} is refused. */
    private static void rollbackStatementQuietly(Connection c) {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("rollback");
        } catch (SQLException e) {
            // the connection is broken; its transaction is gone with it
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; its transaction is gone with it
        }
    }

    /** After a run held one transaction; a broken connection must not hide the run's own failure, and its pool discards it. */
    static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken; nothing is left to restore on it
        }
    }
}
