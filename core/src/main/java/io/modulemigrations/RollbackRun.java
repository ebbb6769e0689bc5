package io.modulemigrations;

import io.modulemigrations.history.AppliedMigration;
import io.modulemigrations.history.History;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code rollback}: each named module's latest batch (or last N migrations), newest first,
 * dependents before what they depend on. Checked in full before anything changes; in one
 * transaction when every down can be.
 */
final class RollbackRun {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    private final ModuleMigrations engine;
    private final Set<String> modules;
    private final RollbackOptions options;
    private final long started = System.nanoTime();

    RollbackRun(ModuleMigrations engine, Collection<String> modules, RollbackOptions options) {
        this.engine = engine;
        this.modules = new LinkedHashSet<>(modules);
        this.options = options;
    }

    RollbackResult run() {
        List<String> unknown = modules.stream().filter(m -> !engine.modules().contains(m)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("rollback", unknown, List.copyOf(engine.modules()));
        }
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("Name at least one module to roll back. Available modules: " + String.join(", ", engine.modules()));
        }
        try (Connection c = engine.open()) {
            if (options.dryRun()) {
                History history = engine.historyTable().readForRun(c);
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                List<LoadedMigration> targets = targets(history);
                List<PlannedMigration> plan = targets.stream()
                        .map(m -> new PlannedMigration(m.module(), m.name(), Direction.DOWN, m.downTransactional(), m.plannedStatements(false)))
                        .toList();
                return new RollbackResult(List.of(), plan, true, elapsed());
            }
            return engine.underLock(c, () -> {
                List<LoadedMigration> targets = targets(engine.historyTable().readForRun(c));
                if (targets.isEmpty()) {
                    log.info("Nothing to roll back in {}", modules);
                    return new RollbackResult(List.of(), List.of(), false, elapsed());
                }
                return new RollbackResult(undo(c, targets), List.of(), false, elapsed());
            });
        } catch (SQLException e) {
            throw new MigrationException("Rollback failed talking to the database: " + e.getMessage()
                    + ". Each step commits together with its history row, so the history tells what is still applied."
                    + " Next: check the database and run db:status.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while waiting for the migration lock; nothing was rolled back.", e);
        }
    }

    /** What to undo, in order, after checking that all of it can be undone. */
    private List<LoadedMigration> targets(History history) {
        engine.checkChecksums(history);
        List<String> order = new ArrayList<>(engine.graph.order());
        java.util.Collections.reverse(order);
        List<AppliedMigration> rows = new ArrayList<>();
        for (String module : order) {
            if (!modules.contains(module)) {
                continue;
            }
            List<AppliedMigration> applied = history.all().stream().filter(a -> a.module().equals(module))
                    .sorted(Comparator.comparingInt(AppliedMigration::batch).thenComparing(AppliedMigration::name).reversed())
                    .toList();
            if (applied.isEmpty()) {
                continue;
            }
            if (options.steps() > 0) {
                rows.addAll(applied.subList(0, Math.min(options.steps(), applied.size())));
            } else {
                int latest = applied.get(0).batch();
                applied.stream().filter(a -> a.batch() == latest).forEach(rows::add);
            }
        }
        List<MigrationId> noCode = rows.stream().map(AppliedMigration::id).filter(id -> engine.migration(id) == null).toList();
        if (!noCode.isEmpty()) {
            throw new IrreversibleMigrationException(noCode, "recorded as applied but not found in the code, so there is no down to run");
        }
        List<LoadedMigration> targets = rows.stream().map(a -> engine.migration(a.id())).toList();
        List<MigrationId> irreversible = targets.stream().filter(m -> !m.reversible()).map(LoadedMigration::id).toList();
        if (!irreversible.isEmpty()) {
            throw new IrreversibleMigrationException(irreversible, "irreversible (no down)");
        }
        return targets;
    }

    private List<ExecutedMigration> undo(Connection c, List<LoadedMigration> targets) throws SQLException {
        log.info("Rolling back {} migration(s): {}", targets.size(), targets);
        List<ExecutedMigration> reverted = new ArrayList<>();
        boolean oneTransaction = targets.stream().allMatch(LoadedMigration::downTransactional);
        if (oneTransaction) {
            c.setAutoCommit(false);
        }
        try {
            for (LoadedMigration m : targets) {
                reverted.add(engine.steps().down(c, m, oneTransaction));
            }
            if (oneTransaction) {
                c.commit();
            }
        } catch (StepFailure f) {
            String left;
            if (oneTransaction) {
                StepRunner.rollbackQuietly(c);
                left = "The rollback was one transaction and has been undone: every migration is still applied and recorded as before.";
                reverted.clear();
            } else {
                left = "Rolled back and committed before the failure: " + (reverted.isEmpty() ? "none"
                        : reverted.stream().map(e -> e.id().toString()).collect(Collectors.joining(", ")))
                        + ". Everything else is still applied.";
            }
            throw new MigrationFailedException(f.describe() + "\n" + f.fate() + "\n" + left
                    + "\n" + f.next("Next: fix the migration's down, then run the rollback again."), f.migration.id(), f.statementText(), reverted, f.getCause());
        } finally {
            c.setAutoCommit(true);
        }
        log.info("Rolled back {} migration(s) in {} ms", reverted.size(), elapsed().toMillis());
        return List.copyOf(reverted);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
