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
import java.util.Map;
import java.util.TreeMap;
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

    private static final Comparator<AppliedMigration> NEWEST_FIRST =
            Comparator.comparingInt(AppliedMigration::batch).thenComparing(AppliedMigration::name).reversed();

    private final Engine engine;
    private final Set<String> modules;
    private final RollbackOptions options;
    private final long started = System.nanoTime();

    RollbackRun(Engine engine, Collection<String> modules, RollbackOptions options) {
        this.engine = engine;
        this.modules = new LinkedHashSet<>(modules);
        this.options = options;
    }

    RollbackResult run() {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("Name at least one module to roll back. Available modules: " + String.join(", ", engine.modules()));
        }
        List<String> unknown = modules.stream().filter(m -> !engine.modules().contains(m)).sorted().toList();
        if (!unknown.isEmpty()) {
            refuseUnknown(unknown);
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

    /**
     * Unknown modules: a module whose migrations are recorded as applied but whose code is gone is
     * told apart from a name that was never a module.
     */
    private void refuseUnknown(List<String> unknown) {
        Map<String, List<String>> gone = new TreeMap<>();
        try (Connection c = engine.open()) {
            History history = engine.historyTable().readForRun(c);
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            for (AppliedMigration a : history.all()) {
                if (unknown.contains(a.module()) && engine.loadsModule(a.module())) {
                    gone.computeIfAbsent(a.module(), k -> new ArrayList<>()).add(a.name());
                }
            }
        } catch (SQLException e) {
            // Only to tell a module whose code is gone from a mistyped one: without the history, it is unknown.
        }
        if (gone.isEmpty()) {
            throw new UnknownModuleException("rollback", unknown, List.copyOf(engine.modules()));
        }
        String names = String.join(", ", gone.keySet());
        List<String> neverKnown = unknown.stream().filter(m -> !gone.containsKey(m)).toList();
        throw new MigrationException("Cannot roll back " + names + ": " + gone.entrySet().stream()
                .map(e -> e.getKey() + " has " + e.getValue().size() + " migration(s) recorded as applied (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "))
                + ", but the code of " + (gone.size() == 1 ? "that module is" : "those modules is") + " gone from the application, so there is no down to run."
                + (neverKnown.isEmpty() ? "" : " Unknown module(s): " + String.join(", ", neverKnown) + ". Available modules: " + String.join(", ", engine.modules()) + ".")
                + " Nothing was rolled back. Next: put the module's migrations back in the application (same names, same content) and run"
                + " db:rollback " + String.join(" ", gone.keySet()) + " again; or, if its tables are meant to stay (or were dropped by hand), forget its history with "
                + gone.keySet().stream().map(m -> "delete from " + engine.historyTable().qualifiedName() + " where module = '" + m + "'")
                        .collect(Collectors.joining("; "))
                + ". db:status lists these migrations as missing.");
    }

    /** What to undo, in order, after checking that all of it can be undone and that no dependent relies on it. */
    private List<LoadedMigration> targets(History history) {
        engine.checkChecksums(history);
        Map<String, List<AppliedMigration>> chosen = chosen(history, modules);
        Map<String, List<AppliedMigration>> later = laterInDependents(history, chosen);
        if (!later.isEmpty()) {
            if (!options.withDependents()) {
                throw refusal(history, later);
            }
            later.forEach((module, rows) -> {
                List<AppliedMigration> all = new ArrayList<>(chosen.getOrDefault(module, List.of()));
                all.addAll(rows);
                all.sort(NEWEST_FIRST);
                chosen.put(module, all);
            });
        }
        List<String> order = new ArrayList<>(engine.graph().order());
        java.util.Collections.reverse(order);
        List<AppliedMigration> rows = new ArrayList<>();
        for (String module : order) {
            rows.addAll(chosen.getOrDefault(module, List.of()));
        }
        List<MigrationId> noCode = rows.stream().map(AppliedMigration::id).filter(id -> engine.migration(id) == null).toList();
        if (!noCode.isEmpty()) {
            throw new IrreversibleMigrationException(noCode, "recorded as applied but not found in the code, so there is no down to run");
        }
        List<LoadedMigration> targets = rows.stream().map(a -> engine.migration(a.id())).toList();
        Engine.validate(targets);
        List<MigrationId> irreversible = targets.stream().filter(m -> !m.reversible()).map(LoadedMigration::id).toList();
        if (!irreversible.isEmpty()) {
            throw new IrreversibleMigrationException(irreversible, "irreversible (no down)");
        }
        return targets;
    }

    /** Per module with something applied, what this rollback undoes of it, newest first. */
    private Map<String, List<AppliedMigration>> chosen(History history, Collection<String> names) {
        Map<String, List<AppliedMigration>> chosen = new TreeMap<>();
        for (String module : names) {
            List<AppliedMigration> applied = newestFirst(history, module);
            if (applied.isEmpty()) {
                continue;
            }
            if (options.steps() > 0) {
                chosen.put(module, new ArrayList<>(applied.subList(0, Math.min(options.steps(), applied.size()))));
            } else {
                int latest = applied.get(0).batch();
                chosen.put(module, new ArrayList<>(applied.stream().filter(a -> a.batch() == latest).toList()));
            }
        }
        return chosen;
    }

    /**
     * Migrations of modules that depend (directly or not) on a module being rolled back, applied
     * after the earliest migration undone there, that this rollback would leave applied. "After" is
     * by batch: within one batch, a module's migrations ran after those of the modules it depends on.
     */
    private Map<String, List<AppliedMigration>> laterInDependents(History history, Map<String, List<AppliedMigration>> chosen) {
        Map<String, List<AppliedMigration>> later = new TreeMap<>();
        chosen.forEach((module, rows) -> {
            int earliestBatch = rows.get(rows.size() - 1).batch();
            for (String dependent : engine.graph().dependentsOf(module)) {
                List<AppliedMigration> undone = chosen.getOrDefault(dependent, List.of());
                for (AppliedMigration a : newestFirst(history, dependent)) {
                    List<AppliedMigration> found = later.computeIfAbsent(dependent, k -> new ArrayList<>());
                    if (a.batch() >= earliestBatch && !undone.contains(a) && !found.contains(a)) {
                        found.add(a);
                    }
                }
            }
        });
        later.values().removeIf(List::isEmpty);
        later.values().forEach(list -> list.sort(NEWEST_FIRST));
        return later;
    }

    /** The refusal, with a command that works: the dependents named too when that suffices, and {@code --with-dependents}. */
    private DependentMigrationsException refusal(History history, Map<String, List<AppliedMigration>> later) {
        String steps = options.steps() > 0 ? " --steps " + options.steps() : "";
        Set<String> names = new LinkedHashSet<>(modules);
        String command = null;
        Set<String> dependents = new LinkedHashSet<>(later.keySet());
        while (names.addAll(inGraphOrder(dependents))) {
            Map<String, List<AppliedMigration>> still = laterInDependents(history, chosen(history, names));
            if (still.isEmpty()) {
                command = "db:rollback " + String.join(" ", names) + steps;
                break;
            }
            dependents = still.keySet();
        }
        Map<String, List<MigrationId>> ids = new TreeMap<>();
        later.forEach((module, rows) -> ids.put(module, rows.stream().map(AppliedMigration::id).toList()));
        return new DependentMigrationsException(List.copyOf(modules), ids, command,
                "db:rollback " + String.join(" ", modules) + steps + " --with-dependents");
    }

    private List<String> inGraphOrder(Set<String> names) {
        return engine.graph().order().stream().filter(names::contains).toList();
    }

    private static List<AppliedMigration> newestFirst(History history, String module) {
        return history.all().stream().filter(a -> a.module().equals(module)).sorted(NEWEST_FIRST).toList();
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
                RunCommit.commit(c, () -> "The rollback of " + reverted.size() + " migration(s) (" + RunCommit.ids(reverted) + ")",
                        "every migration is still applied and recorded as before. Next: fix what the database names (what the downs"
                                + " leave behind, or the constraint), then run the rollback again.",
                        "either all of them are rolled back and their history rows deleted, or none is. Next: run db:status to see which.");
            }
        } catch (StepFailure f) {
            String left;
            if (oneTransaction) {
                StepRunner.rollbackQuietly(c);
                left = "The rollback was one transaction and has been undone: every migration is still applied and recorded as before.";
                reverted.clear();
            } else {
                left = "Rolled back and committed before the failure: " + RunCommit.ids(reverted) + ". Everything else is still applied.";
            }
            String owners = "";
            String next = "Next: fix the migration's down, then run the rollback again.";
            String detail = DependentObjects.detail(f.getCause());
            if (detail != null) {
                DependentObjects dependents = new DependentObjects(engine);
                List<DependentObjects.Owned> owned = dependents.owners(detail, c);
                if (!owned.isEmpty()) {
                    owners = "\nWhat depends on it: " + owned.stream().map(Object::toString).collect(Collectors.joining("; ")) + ".";
                    next = dependents.next(owned, modules);
                }
            }
            throw new MigrationFailedException(f.describe() + owners + "\n" + f.fate() + "\n" + left
                    + "\n" + f.next(next), f.migration.id(), f.statementText(), reverted, f.getCause());
        } finally {
            StepRunner.autoCommitQuietly(c);
        }
        log.info("Rolled back {} migration(s) in {} ms", reverted.size(), elapsed().toMillis());
        return List.copyOf(reverted);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
