package io.modulemigrations;

import io.modulemigrations.history.HistoryTable;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.run.StatementBatch;
import io.modulemigrations.run.StatementFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one migration up or down on a connection, with its history row, and tells listeners. */
final class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    private final HistoryTable history;
    private final @Nullable String appliedBy;
    private final List<MigrationListener> listeners;

    StepRunner(HistoryTable history, @Nullable String appliedBy, List<MigrationListener> listeners) {
        this.history = history;
        this.appliedBy = appliedBy;
        this.listeners = listeners;
    }

    /**
     * Applies {@code m} and records it in {@code batch}.
     *
     * @param inOpenTransaction true when the caller holds one transaction for several steps and commits it
     */
    ExecutedMigration up(Connection c, LoadedMigration m, int batch, boolean inOpenTransaction) throws StepFailure {
        return run(c, m, Direction.UP, inOpenTransaction, batch);
    }

    /** Undoes {@code m} and removes its history row. */
    ExecutedMigration down(Connection c, LoadedMigration m, boolean inOpenTransaction) throws StepFailure {
        return run(c, m, Direction.DOWN, inOpenTransaction, 0);
    }

    private ExecutedMigration run(Connection c, LoadedMigration m, Direction direction, boolean inOpenTransaction, int batch) throws StepFailure {
        boolean up = direction == Direction.UP;
        boolean transactional = inOpenTransaction || (up ? m.transactional() : m.downTransactional());
        log.info("{}: {} {}", m.module(), up ? "applying" : "rolling back", m.name());
        listeners.forEach(l -> l.migrationStarted(m.id(), direction));
        long start = System.nanoTime();
        StatementBatch b = new StatementBatch(c, m.id(), transactional);
        try {
            if (!inOpenTransaction) {
                c.setAutoCommit(!transactional);
            }
            if (up) {
                m.up(b);
            } else {
                m.down(b);
            }
            Long ms = null;
            if (!transactional || inOpenTransaction) {
                b.flushStatements();
                ms = (System.nanoTime() - start) / 1_000_000;
            }
            b.finish(up ? history.insertSql(m.id(), batch, m.checksumAfterUp(b.issued()), ms, appliedBy) : history.deleteSql(m.id()));
            if (transactional && !inOpenTransaction) {
                c.commit();
            }
        } catch (Exception e) {
            StatementFailedException sf = StatementBatch.failureOf(e);
            if (transactional && !inOpenTransaction) {
                rollbackQuietly(c);
            }
            boolean partly = !transactional && (sf != null ? sf.number() > 1 || sf.historyWrite() : !b.issued().isEmpty());
            StepFailure failure = new StepFailure(m, direction, sf, sf != null ? sf.getCause() : e, partly);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listeners.forEach(l -> l.migrationFinished(m.id(), direction, took, failure.getCause()));
            log.error("{}: {} {} failed after {} ms", m.module(), up ? "applying" : "rolling back", m.name(), took.toMillis());
            throw failure;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        listeners.forEach(l -> l.migrationFinished(m.id(), direction, took, null));
        log.info("{}: {} {} in {} ms", m.module(), up ? "applied" : "rolled back", m.name(), took.toMillis());
        return new ExecutedMigration(m.module(), m.name(), direction, took);
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; its transaction is gone with it
        }
    }
}
