package io.modulemigrations;

import io.modulemigrations.history.AppliedMigration;
import io.modulemigrations.history.History;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.link.LinkSyncResult;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.script.ScriptOutcome;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code migrate}: plan, lock, apply per module (in parallel when asked), record, report. */
final class MigrateRun {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    /** What is pending, per module in dependency order, and what is applied but gone from the code. */
    record Plan(Map<String, List<LoadedMigration>> pending, List<MigrationId> missing) {

        int size() {
            return pending.values().stream().mapToInt(List::size).sum();
        }
    }

    private final Engine engine;
    private final MigrateOptions options;
    private final long started = System.nanoTime();
    /** Whether this run found no history table and creates it. */
    private boolean createsHistory;

    MigrateRun(Engine engine, MigrateOptions options) {
        this.engine = engine;
        this.options = options;
    }

    MigrateResult run() {
        try (HistoryCheck check = engine.openForMigrate()) {
            Connection c = check.connection();
            Plan plan = plan(check);
            if (options.dryRun()) {
                LinkPlan links = linksWanted() ? engine.linkSync().plan(c, engine.settings.links()) : null;
                endReadOnly(c);
                return dryRun(plan, links);
            }
            MigrateResult result;
            if (nothingDue(c, plan)) {
                endReadOnly(c);
                result = upToDate(plan, false, check);
            } else {
                result = engine.underLock(c, () -> migrateLocked(c, check));
            }
            warnMissing(result);
            return options.skipScripts() ? result : result.withScripts(engine.runScripts(c, true));
        } catch (UncheckedIOException | SQLException | InterruptedException e) {
            throw failed(e);
        }
    }

    /** Migrate's result when it has nothing to do; null, with nothing changed and no lock taken, when it has. */
    @Nullable MigrateResult runIfUpToDate() {
        try (HistoryCheck check = engine.openForMigrate()) {
            Connection c = check.connection();
            Plan plan = plan(check);
            List<ScriptOutcome> scripts = null;
            if (nothingDue(c, plan)) {
                scripts = options.skipScripts() ? List.of() : engine.doneScripts(c);
            }
            endReadOnly(c);
            if (scripts == null) {
                return null;
            }
            MigrateResult result = upToDate(plan, false, check);
            warnMissing(result);
            return result.withScripts(scripts);
        } catch (UncheckedIOException | SQLException e) {
            throw failed(e);
        }
    }

    /** What is pending, read with one pass over the history unless the history proves itself as in the code. */
    private Plan plan(HistoryCheck check) throws SQLException {
        // Usually a start finds everything applied: module, name and checksum, compared as read, prove it.
        if (!engine.appliedAsInCode(check)) {
            return plan(engine.historyTable().readForRun(check.connection()));
        }
        if (!options.dryRun()) {
            engine.recordChecked(check);
        }
        return new Plan(Map.of(), List.of());
    }

    /** Whether nothing is pending and no link action is due. */
    private boolean nothingDue(Connection c, Plan plan) throws SQLException {
        return plan.pending().isEmpty() && !linkActionsDue(c);
    }

    private static void warnMissing(MigrateResult result) {
        if (!result.missing().isEmpty()) {
            log.warn("Applied migration(s) not found in the code, left as they are: {}", result.missing());
        }
    }

    private static RuntimeException failed(Exception e) {
        if (e instanceof UncheckedIOException) {
            // Files are read before anything runs (applied ones for their checksums, pending ones to parse them).
            return new MigrationException(e.getMessage() + ". Nothing was changed. Next: check that the file is there and readable,"
                    + " then run migrate again.", e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new MigrationException("Interrupted while waiting for the migration lock; nothing was changed.", e);
        }
        return new MigrationException("Migrate failed talking to the database: " + e.getMessage()
                + ". Each migration commits together with its history row, so whatever is recorded is applied and nothing"
                + " else is. Next: check the database and run migrate again.", e);
    }

    /** Under the lock: the history again (another instance may have migrated meanwhile), apply, then sync links. */
    private MigrateResult migrateLocked(Connection c, HistoryCheck check) throws SQLException, InterruptedException {
        // All-or-nothing promises the database as before a failed run: a history table this run
        // creates is created with its migrations (in their transaction), or dropped with them.
        History history = engine.historyTable().readForRun(c);
        createsHistory = !history.tableExists();
        if (createsHistory && !options.allOrNothing()) {
            createTables(c);
        }
        Plan plan = plan(history);
        if (plan.pending().isEmpty() && createsHistory && options.allOrNothing()) {
            createTables(c);
        }
        MigrateResult result = plan.pending().isEmpty() ? upToDate(plan, true, check) : apply(c, plan, history.latestBatch() + 1);
        if (!linksWanted()) {
            return result;
        }
        LinkSyncResult links = engine.linkSync().apply(c, engine.linkSync().plan(c, engine.settings.links()), options.linkMode());
        if (links.failed()) {
            throw new LinkSyncFailedException(links, !result.applied().isEmpty());
        }
        return result.withLinks(links.results());
    }

    private boolean linksWanted() {
        return !options.skipLinks() && (!engine.settings.links().isEmpty() || options.linkMode() == LinkMode.ALL);
    }

    /** Whether links need changes this run applies; a read-only plan, so an up-to-date start stays lock-free. */
    private boolean linkActionsDue(Connection c) throws SQLException {
        return linksWanted() && engine.linkSync().plan(c, engine.settings.links()).actions().stream().anyMatch(options.linkMode());
    }

    private static void endReadOnly(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    /** One pass over the code's migrations: each is pending, or applied with its checksum compared. */
    Plan plan(History history) {
        boolean validate = engine.settings.validateChecksums();
        Map<String, List<LoadedMigration>> pending = new LinkedHashMap<>();
        Map<MigrationId, ChecksumMismatchException.Mismatch> mismatches = new TreeMap<>();
        int applied = 0;
        for (String module : engine.graph().order()) {
            List<LoadedMigration> todo = null;
            for (LoadedMigration m : engine.byModule().get(module)) {
                AppliedMigration a = history.get(m.id());
                if (a == null) {
                    if (todo == null) {
                        todo = new ArrayList<>();
                    }
                    todo.add(m);
                } else {
                    applied++;
                    ChecksumMismatchException.Mismatch mismatch = validate ? Engine.mismatch(m, a) : null;
                    if (mismatch != null) {
                        mismatches.put(m.id(), mismatch);
                    }
                }
            }
            if (todo != null) {
                pending.put(module, todo);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new ChecksumMismatchException(mismatches);
        }
        List<LoadedMigration> toRun = new ArrayList<>();
        pending.values().forEach(toRun::addAll);
        Engine.validate(toRun);
        // Every recorded migration was found in the code unless the history holds more than that.
        return new Plan(pending, applied == history.size() ? List.of() : engine.missing(history));
    }

    private MigrateResult dryRun(Plan plan, LinkPlan links) {
        List<PlannedMigration> steps = new ArrayList<>();
        plan.pending().values().forEach(list -> list.forEach(m ->
                steps.add(new PlannedMigration(m.module(), m.name(), Direction.UP, m.transactional(), m.plannedStatements(true)))));
        log.info("Dry run: {} migration(s) pending in {} module(s); nothing was changed", steps.size(), plan.pending().size());
        return new MigrateResult(0, List.of(), List.copyOf(steps), plan.missing(), false, true, links, List.of(), List.of(), elapsed());
    }

    private MigrateResult upToDate(Plan plan, boolean lockTaken, HistoryCheck check) {
        if (check.byRecord()) {
            log.info("Migrations are up to date ({} modules, nothing pending; code and history as an earlier check found them)",
                    engine.moduleCount(check));
        } else {
            log.info("Migrations are up to date ({} modules, nothing pending)", engine.moduleCount(check));
        }
        return new MigrateResult(0, List.of(), List.of(), plan.missing(), lockTaken, false, null, List.of(), List.of(), elapsed());
    }

    private MigrateResult apply(Connection c, Plan plan, int batch) throws SQLException, InterruptedException {
        log.info("Applying {} migration(s) in {} module(s) as batch {}", plan.size(), plan.pending().size(), batch);
        boolean allTransactional = plan.pending().values().stream().flatMap(List::stream).allMatch(LoadedMigration::transactional);
        List<ExecutedMigration> applied;
        if (options.allOrNothing() && allTransactional) {
            applied = applyInOneTransaction(c, plan, batch);
        } else {
            if (options.allOrNothing()) {
                requireReversible(plan);
                if (createsHistory) {
                    createTables(c);
                }
            }
            applied = applyPerModule(c, plan, batch);
        }
        Duration took = elapsed();
        log.info("Applied {} migration(s) in {} module(s) as batch {} in {} ms", applied.size(), plan.pending().size(), batch, took.toMillis());
        return new MigrateResult(batch, List.copyOf(applied), List.of(), plan.missing(), true, false, null, List.of(), List.of(), took);
    }

    /** All-or-nothing where every step is transactional: one transaction, one connection, so a failure undoes exactly this run. */
    private List<ExecutedMigration> applyInOneTransaction(Connection c, Plan plan, int batch) throws SQLException {
        if (options.concurrency() > 1) {
            log.info("All-or-nothing: the run is one transaction on one connection, so modules run one after another");
        }
        List<ExecutedMigration> applied = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            if (createsHistory) {
                createTables(c);
            }
            for (List<LoadedMigration> module : plan.pending().values()) {
                long start = System.nanoTime();
                for (LoadedMigration m : module) {
                    applied.add(engine.steps().up(c, m, batch, true));
                }
                logModule(module, module.size(), start);
            }
            RunCommit.commit(c, () -> "All-or-nothing: the run's " + applied.size() + " migration(s) (" + RunCommit.ids(applied) + ")",
                    "the schema and the history are exactly as they were before the run. Next: fix what the database names (the rows a"
                            + " migration writes, or the constraint), then run migrate again.",
                    "either all of them are applied and recorded, or none is. Next: run db:status to see which, then migrate again if"
                            + " they are pending.");
            return applied;
        } catch (StepFailure f) {
            StepRunner.rollbackQuietly(c);
            if (f.transactionEnded()) {
                throw failed(f, "All-or-nothing: the whole run was one transaction, and this migration ended it, so the "
                        + applied.size() + " migration(s) of this run before it (" + RunCommit.ids(applied) + ") may have been committed with"
                        + " their history rows. Run status to see what is recorded.", List.of());
            }
            throw failed(f, "All-or-nothing: the whole run was one transaction and has been rolled back: the schema and the"
                    + " history are exactly as they were before the run (" + applied.size() + " migration(s) that had run were undone with it).",
                    List.of());
        } finally {
            StepRunner.autoCommitQuietly(c);
        }
    }

    private void requireReversible(Plan plan) {
        List<MigrationId> irreversible = plan.pending().values().stream().flatMap(List::stream)
                .filter(m -> !m.reversible()).map(LoadedMigration::id).toList();
        if (!irreversible.isEmpty()) {
            throw new MigrationException("All-or-nothing cannot be guaranteed: this run has migrations that run without a"
                    + " transaction, so a failure would be undone by running downs, and "
                    + irreversible.stream().map(MigrationId::toString).collect(Collectors.joining(", "))
                    + " cannot be undone. Nothing was changed. Next: give them a down, or run without all-or-nothing.");
        }
    }

    /** Each module on its own connection, up to {@code concurrency} at once, in dependency order; each migration commits on its own. */
    private List<ExecutedMigration> applyPerModule(Connection lockConnection, Plan plan, int batch) throws SQLException, InterruptedException {
        int workers = Math.max(1, Math.min(options.concurrency(), plan.pending().size()));
        List<ExecutedMigration> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, StepFailure> failures = Collections.synchronizedMap(new LinkedHashMap<>());
        if (workers == 1) {
            for (Map.Entry<String, List<LoadedMigration>> module : plan.pending().entrySet()) {
                runModule(lockConnection, module.getValue(), batch, committed, stop, failures);
                if (stop.get()) {
                    break;
                }
            }
        } else {
            runConcurrently(lockConnection, plan, batch, workers, committed, stop, failures);
        }
        if (failures.isEmpty()) {
            return committed;
        }
        StepFailure first = failures.values().iterator().next();
        List<ExecutedMigration> kept = List.copyOf(committed);
        if (options.allOrNothing()) {
            throw failed(first, undo(lockConnection, kept), List.of());
        }
        Set<MigrationId> unknown = new HashSet<>();
        failures.values().forEach(f -> unknown.addAll(f.outcomeUnknown()));
        throw failed(first, keptMessage(kept, plan, batch, unknown), kept);
    }

    private void runModule(Connection c, List<LoadedMigration> migrations, int batch, List<ExecutedMigration> committed,
                           AtomicBoolean stop, Map<String, StepFailure> failures) {
        long start = System.nanoTime();
        int[] applied = {0};
        Consumer<ExecutedMigration> done = e -> {
            committed.add(e);
            applied[0]++;
        };
        // All-or-nothing undoes what it applied when a step fails, so it keeps to one migration per round trip: nothing in doubt.
        boolean together = !options.allOrNothing();
        for (int i = 0; i < migrations.size() && !stop.get(); ) {
            LoadedMigration m = migrations.get(i);
            try {
                int sent = together ? engine.steps().upTogether(c, migrations, i, batch, done) : 0;
                if (sent == 0) {
                    done.accept(engine.steps().up(c, m, batch, false));
                    sent = 1;
                }
                i += sent;
            } catch (StepFailure f) {
                failures.put(m.module(), f);
                stop.set(true);
                break;
            }
        }
        logModule(migrations, applied[0], start);
    }

    // The one INFO line per module of a run; each migration's own lines are at DEBUG, failures at ERROR.
    private static void logModule(List<LoadedMigration> migrations, int applied, long start) {
        if (migrations.isEmpty()) {
            return;
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        String module = migrations.get(0).module();
        if (applied == migrations.size()) {
            log.info("{}: applied {} migration(s) in {} ms", module, applied, millis);
        } else {
            log.info("{}: applied {} of {} migration(s) in {} ms", module, applied, migrations.size(), millis);
        }
    }

    private void runConcurrently(Connection lockConnection, Plan plan, int batch, int workers, List<ExecutedMigration> committed,
                                 AtomicBoolean stop, Map<String, StepFailure> failures) throws SQLException, InterruptedException {
        List<Connection> opened = new ArrayList<>();
        List<Database.SessionRestore> restores = new ArrayList<>();
        BlockingQueue<Connection> free = new ArrayBlockingQueue<>(workers);
        free.add(lockConnection);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "module-migrations-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 1; i < workers; i++) {
                Connection w = engine.open();
                opened.add(w);
                restores.add(engine.database.prepare(w));
                free.add(w);
            }
            CompletionService<String> done = new ExecutorCompletionService<>(pool);
            Set<String> started = new HashSet<>();
            Set<String> finished = new HashSet<>();
            int running = 0;
            while (true) {
                if (!stop.get()) {
                    for (Map.Entry<String, List<LoadedMigration>> module : plan.pending().entrySet()) {
                        if (!started.contains(module.getKey()) && ready(module.getKey(), plan, finished)) {
                            started.add(module.getKey());
                            running++;
                            done.submit(() -> {
                                Connection w = free.take();
                                try {
                                    runModule(w, module.getValue(), batch, committed, stop, failures);
                                } finally {
                                    free.add(w);
                                }
                                return module.getKey();
                            });
                        }
                    }
                }
                if (running == 0) {
                    break;
                }
                String module;
                try {
                    module = done.take().get();
                } catch (ExecutionException e) {
                    throw new MigrationException("A migration worker failed unexpectedly: " + e.getCause(), e.getCause());
                }
                running--;
                if (!failures.containsKey(module)) {
                    finished.add(module);
                }
            }
        } finally {
            pool.shutdownNow();
            restores.forEach(Database.SessionRestore::run);
            opened.forEach(Database::closeQuietly);
        }
    }

    private boolean ready(String module, Plan plan, Set<String> finished) {
        for (String dependency : engine.graph().dependenciesOf(module)) {
            if (plan.pending().containsKey(dependency) && !finished.contains(dependency)) {
                return false;
            }
        }
        return true;
    }

    /** All-or-nothing without one transaction: runs the downs of what this run applied, newest first. */
    private String undo(Connection c, List<ExecutedMigration> applied) {
        List<ExecutedMigration> undone = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            LoadedMigration m = engine.migration(applied.get(i).id());
            try {
                undone.add(engine.steps().down(c, m, false));
            } catch (StepFailure f) {
                List<String> still = applied.subList(0, i + 1).stream().map(e -> e.id().toString()).toList();
                return "All-or-nothing: undoing this run failed. " + f.describe() + "\nUndone: " + RunCommit.ids(undone)
                        + ". Still applied and recorded: " + String.join(", ", still)
                        + ". Fix the down of " + m.id() + " and roll the module(s) back, or repair by hand.";
            }
        }
        String history = "the history is as it was before the run";
        if (createsHistory) {
            try (java.sql.Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("drop table " + engine.historyTable().qualifiedName() + ", " + engine.progressTable().qualifiedName() + ", "
                        + engine.checkTable().qualifiedName());
                history = "the history tables this run had created were dropped again";
            } catch (SQLException e) {
                history = "the history table " + engine.historyTable().qualifiedName() + " this run created is left, empty (dropping it failed: "
                        + e.getMessage() + ")";
            }
        }
        return "All-or-nothing: the " + undone.size() + " migration(s) this run had applied were undone, newest first ("
                + RunCommit.ids(undone) + "); " + history + ". Modules that had nothing pending were not touched.";
    }

    /** The history table and, with it, the progress table of migrations that run without a transaction. */
    private void createTables(Connection c) throws SQLException {
        engine.historyTable().create(c);
        engine.progressTable().create(c);
        engine.checkTable().create(c);
    }

    private static String keptMessage(List<ExecutedMigration> kept, Plan plan, int batch, Set<MigrationId> unknown) {
        Set<MigrationId> done = kept.stream().map(ExecutedMigration::id).collect(Collectors.toSet());
        List<String> notApplied = new ArrayList<>();
        plan.pending().forEach((module, list) -> {
            long left = list.stream().filter(m -> !done.contains(m.id()) && !unknown.contains(m.id())).count();
            if (left > 0) {
                notApplied.add(module + " (" + left + ")");
            }
        });
        return (kept.isEmpty() ? "Nothing else was applied in this run." : "Applied in this run and kept (batch " + batch + "): " + RunCommit.ids(kept) + ".")
                + (unknown.isEmpty() ? "" : " Not known whether applied (the connection failed with them sent): "
                + unknown.stream().sorted().map(MigrationId::toString).collect(Collectors.joining(", ")) + ".")
                + " Not applied: " + (notApplied.isEmpty() ? "none" : String.join(", ", notApplied)) + ".";
    }

    private MigrationFailedException failed(StepFailure f, String leftAsItWas, List<ExecutedMigration> kept) {
        String message = f.describe() + "\n" + f.fate() + "\n" + leftAsItWas + "\n" + f.next("Next: fix the migration, then run migrate again.");
        return new MigrationFailedException(message, f.migration.id(), f.statementText(), kept, f.getCause());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
