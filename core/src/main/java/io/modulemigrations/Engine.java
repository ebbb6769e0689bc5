package io.modulemigrations;

import io.modulemigrations.history.AppliedMigration;
import io.modulemigrations.history.CheckTable;
import io.modulemigrations.history.History;
import io.modulemigrations.history.HistoryTable;
import io.modulemigrations.history.ProgressTable;
import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.link.LinkSync;
import io.modulemigrations.link.LinkSyncResult;
import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.lock.RunLock;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.module.ModuleGraph;
import io.modulemigrations.script.ScriptOutcome;
import io.modulemigrations.script.ScriptRunner;
import io.modulemigrations.sql.InvalidSqlMigrationException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ModuleMigrations} does: its tables, connections and lock, and the migrations once discovered.
 * Built when the first operation needs it, so that creating the public instance (an application's bean)
 * reads and links nothing more than its settings.
 */
final class Engine {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    final Database database;
    final RunLock lock;
    private volatile @Nullable Discovered discovered;
    private volatile @Nullable Tables tables;
    /** The code's fingerprint when discovery waits for the first operation that needs it; else null. */
    private final @Nullable CodeFingerprint codeFingerprint;
    final Settings settings;
    private final @Nullable Set<String> onlyModules;

    /** @param loaded the discovered migrations, or null to discover them when first needed */
    Engine(Settings settings, MigrationLoader.@Nullable Loaded loaded) {
        this.settings = settings;
        this.onlyModules = settings.modules();
        this.database = new Database(settings.dataSource(), settings.connectTimeout(), settings.lockTimeout(), settings.statementTimeout(),
                settings.applicationName());
        // The lock key is the history table as configured, so every instance sharing it agrees.
        this.lock = new RunLock(new HistoryTable(settings.schema(), settings.table()).qualifiedName());
        this.discovered = loaded != null ? new Discovered(loaded) : null;
        this.codeFingerprint = loaded == null ? CodeFingerprint.of(settings) : null;
        if (settings.schema() != null) {
            this.tables = new Tables(settings.schema());
        }
    }

    /** The discovered migrations and their graph. */
    private static final class Discovered {

        final Map<String, List<LoadedMigration>> migrations;
        final ModuleGraph graph;

        Discovered(MigrationLoader.Loaded loaded) {
            this.migrations = loaded.byModule();
            this.graph = loaded.graph();
        }
    }

    private Discovered discovered() {
        Discovered d = discovered;
        if (d == null) {
            synchronized (this) {
                d = discovered;
                if (d == null) {
                    CodeFingerprint code = codeFingerprint;
                    d = new Discovered(code != null ? MigrationLoader.load(settings, code.declaredInCode(), code.listed())
                            : MigrationLoader.load(settings));
                    discovered = d;
                }
            }
        }
        return d;
    }

    /** Every migration, by module in name order; discovered first when that has not happened yet. */
    Map<String, List<LoadedMigration>> byModule() {
        return discovered().migrations;
    }

    /**
     * The engine's tables and what writes them, all in one schema. The writers are built when first
     * needed: an up-to-date start loads none of their classes.
     */
    private final class Tables {

        private final String schema;
        private final boolean configured;
        final HistoryTable history;
        final ProgressTable progress;
        final CheckTable checks;
        private @Nullable StepRunner steps;
        private @Nullable LinkSync linkSync;
        private @Nullable ScriptRunner scripts;

        Tables(String schema) {
            this.schema = schema;
            this.configured = settings.schema() != null;
            this.history = new HistoryTable(schema, settings.table(), configured);
            this.progress = new ProgressTable(schema, settings.table() + "_progress");
            this.checks = new CheckTable(schema, settings.table() + "_checks");
        }

        synchronized StepRunner steps() {
            if (steps == null) {
                steps = new StepRunner(history, progress, settings.appliedBy(), settings.listeners(), database, settings.lockTimeout(),
                        settings.lockRetries());
            }
            return steps;
        }

        synchronized LinkSync linkSync() {
            if (linkSync == null) {
                linkSync = new LinkSync(schema, "module_links", configured);
            }
            return linkSync;
        }

        synchronized ScriptRunner scripts() {
            if (scripts == null) {
                scripts = new ScriptRunner(schema, "module_migration_scripts", configured);
            }
            return scripts;
        }
    }

    /**
     * A connection for one operation. Without a configured schema, the first one fixes the schema of
     * the engine's tables to the connection's current schema, so that every statement the engine
     * writes names its tables with their schema and a migration's {@code search_path} cannot move them.
     */
    Connection open() {
        Connection c = database.open();
        fixSchema(c, null);
        return c;
    }

    /**
     * {@link #open()} for a migrate: where the first connection fixes the schema, the round trip that
     * reads it also tells {@link #appliedAsInCode} whether the history is as in the code (one round trip
     * fewer on a start with nothing to do).
     */
    HistoryCheck openForMigrate() {
        HistoryCheck check = new HistoryCheck(database.open());
        fixSchema(check.connection(), check);
        return check;
    }

    /** Fixes the schema of the engine's tables with the first connection; closes {@code c} when that fails. */
    private void fixSchema(Connection c, @Nullable HistoryCheck check) {
        if (tables == null) {
            try {
                SchemaRead found = check != null && discovered == null && codeFingerprint != null
                        ? schemaAndUnchanged(c, codeFingerprint, check) : null;
                if (check != null && (found == null || check.asInCode() == null) && fastPathApplies()) {
                    SchemaRead read = schemaAndHistory(c, CodeChecksums.of(byModule()), check);
                    found = read != null ? read : found;
                }
                if (found == null) {
                    found = schema(c);
                }
                if (found.schema() == null) {
                    throw new MigrationException("No schema configured for the migration history, and the connection has no current schema:"
                            + " none of the schemas in its search_path (" + found.searchPath() + ") exists. Nothing was changed. Next: set the"
                            + " schema (module-migrations.schema), or create the schema or fix the search_path of the database user.");
                }
                synchronized (this) {
                    if (tables == null) {
                        tables = new Tables(found.schema());
                    }
                }
            } catch (SQLException e) {
                Database.closeQuietly(c);
                throw new MigrationException("Could not read the connection's current schema: " + e.getMessage() + ". Nothing was changed.", e);
            } catch (RuntimeException e) {
                Database.closeQuietly(c);
                throw e;
            }
        }
    }

    /** The connection's current schema (null when no schema of its search_path exists) and its search_path. */
    private record SchemaRead(@Nullable String schema, String searchPath) {
    }

    private static SchemaRead schema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_schema(), current_setting('search_path')")) {
            rs.next();
            return new SchemaRead(rs.getString(1), rs.getString(2));
        }
    }

    /**
     * The current schema, with whether the history is as in {@code code} told to {@code check}, when the
     * history table the search_path finds is the current schema's; null when it is not, or there is none
     * (then the schema is read alone and the history, if any, later from the current schema's table).
     */
    private @Nullable SchemaRead schemaAndHistory(Connection c, CodeChecksums code, HistoryCheck check) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(HistoryTable.selectSchemaThenChecksums(settings.table(), codeFingerprint != null));
            SchemaRead found = currentSchemasHistory(st);
            if (found == null) {
                return null;
            }
            st.getMoreResults();
            try (ResultSet rows = st.getResultSet()) {
                check.compared(code.matches(rows), code.digest());
                return found;
            }
        } catch (SQLException e) {
            if (HistoryTable.missing(c, e)) {  // no history in the search_path yet
                return null;
            }
            throw e;
        }
    }

    /**
     * The first result of {@link HistoryTable#selectSchemaThenChecksums} or {@link HistoryTable#selectSchemaThenUnchanged}:
     * the current schema and the search_path, or null when the history table the search_path finds is not the
     * current schema's.
     */
    private static @Nullable SchemaRead currentSchemasHistory(Statement st) throws SQLException {
        try (ResultSet rs = st.getResultSet()) {
            rs.next();
            String schema = rs.getString(1);
            return schema == null || !rs.getBoolean(3) ? null : new SchemaRead(schema, rs.getString(2));
        }
    }

    /**
     * The current schema, with (as {@link #schemaAndHistory}) the history as in the code told to {@code check}
     * when a {@link CheckTable} row recorded for {@code code} the history as it is now, and nothing told when
     * none did; null when the search_path finds no history table or not the current schema's.
     */
    private @Nullable SchemaRead schemaAndUnchanged(Connection c, CodeFingerprint code, HistoryCheck check) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(HistoryTable.selectSchemaThenUnchanged(settings.table(), code.value()));
            SchemaRead found = currentSchemasHistory(st);
            if (found == null) {
                return null;
            }
            st.getMoreResults();
            try (ResultSet rows = st.getResultSet()) {
                Integer modules = CheckTable.modules(rows, code::isRecorded);
                if (modules != null) {
                    check.foundRecorded(modules);
                }
                return found;
            }
        } catch (SQLException e) {
            if (HistoryTable.missing(c, e)) {  // no history or no check table in the search_path yet
                return null;
            }
            throw e;
        }
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            throw new IllegalStateException("no connection opened yet");
        }
        return t;
    }

    HistoryTable historyTable() {
        return tables().history;
    }

    ProgressTable progressTable() {
        return tables().progress;
    }

    CheckTable checkTable() {
        return tables().checks;
    }

    StepRunner steps() {
        return tables().steps();
    }

    LinkSync linkSync() {
        return tables().linkSync();
    }

    ScriptRunner scriptRunner() {
        return tables().scripts();
    }

    Set<String> modules() {
        return byModule().keySet();
    }

    List<LoadedMigration> migrations(String module) {
        return byModule().getOrDefault(module, List.of());
    }

    void readAll(Collection<String> modules) {
        List<LoadedMigration> all = new ArrayList<>();
        (modules.isEmpty() ? byModule().keySet() : modules).forEach(module -> all.addAll(migrations(module)));
        validate(all);
    }

    ModuleGraph graph() {
        return discovered().graph;
    }

    MigrateResult migrate() {
        return migrate(MigrateOptions.defaults().withConcurrency(settings.concurrency()).withAllOrNothing(settings.allOrNothing()));
    }

    MigrateResult migrate(MigrateOptions options) {
        return new MigrateRun(this, options).run();
    }

    Optional<MigrateResult> upToDate(MigrateOptions options) {
        return Optional.ofNullable(new MigrateRun(this, options).runIfUpToDate());
    }

    RollbackResult rollback(String... modules) {
        return rollback(Arrays.asList(modules), RollbackOptions.latestBatch());
    }

    RollbackResult rollback(Collection<String> modules, RollbackOptions options) {
        return new RollbackRun(this, modules, options).run();
    }

    LinkPlan planLinks() {
        try (Connection c = open()) {
            LinkPlan plan = linkSync().plan(c, settings.links());
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return plan;
        } catch (SQLException e) {
            throw new MigrationException("Could not plan link sync: " + e.getMessage() + ". Nothing was changed.", e);
        }
    }

    LinkSyncResult syncLinks(java.util.function.Predicate<LinkAction> include) {
        try (Connection c = open()) {
            LinkSyncResult result = underLock(c, () -> linkSync().apply(c, linkSync().plan(c, settings.links()), include));
            if (result.failed()) {
                throw new LinkSyncFailedException(result, false);
            }
            return result;
        } catch (SQLException e) {
            throw new MigrationException("Link sync failed talking to the database: " + e.getMessage()
                    + ". Each action commits on its own with its module_links row; run db:sync-links --dry-run to see what is left.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while waiting for the migration lock; no link was changed.", e);
        }
    }

    List<ScriptOutcome> migrateScripts() {
        try (Connection c = open()) {
            return runScripts(c, false);
        } catch (SQLException e) {
            throw new MigrationException("Running migration scripts failed talking to the database: " + e.getMessage()
                    + ". A script counts as done only when it is marked finished; unfinished ones run again next time.", e);
        }
    }

    /** Every script as already done when all have finished (none, when there are none); null when one is to run. */
    @Nullable List<ScriptOutcome> doneScripts(Connection c) throws SQLException {
        return settings.scripts().isEmpty() ? List.of() : allDone(finishedScripts(c));
    }

    /** Scripts after migrations: a read when all are done; the table is created under the run lock the first time. */
    List<ScriptOutcome> runScripts(Connection c, boolean afterMigrations) throws SQLException {
        if (settings.scripts().isEmpty()) {
            return List.of();
        }
        Set<String> finished = finishedScripts(c);
        List<ScriptOutcome> done = allDone(finished);
        if (done != null) {
            return done;
        }
        if (finished == null) {
            try {
                underLock(c, () -> {
                    scriptRunner().createTable(c);
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationException("Interrupted while waiting for the migration lock; no script ran.", e);
            }
        }
        List<ScriptOutcome> outcomes;
        Database.SessionRestore restore = database.prepare(c);
        try {
            outcomes = scriptRunner().run(c, settings.scripts());
        } finally {
            restore.run();
        }
        for (ScriptOutcome outcome : outcomes) {
            if (outcome.status() == ScriptOutcome.Status.FAILED) {
                throw new ScriptFailedException(outcome, outcomes, afterMigrations);
            }
        }
        return outcomes;
    }

    /** The scripts that finished, read in autocommit; null when their table does not exist yet. */
    private @Nullable Set<String> finishedScripts(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        return scriptRunner().finished(c);
    }

    private @Nullable List<ScriptOutcome> allDone(@Nullable Set<String> finished) {
        if (finished == null || !settings.scripts().stream().allMatch(s -> finished.contains(s.name()))) {
            return null;
        }
        return settings.scripts().stream().map(s -> new ScriptOutcome(s.name(), ScriptOutcome.Status.ALREADY_DONE, java.time.Duration.ZERO, null))
                .sorted(java.util.Comparator.comparing(ScriptOutcome::name)).toList();
    }

    MigrationStatus status() {
        try (Connection c = open()) {
            History history = historyTable().read(c);
            LockHolder holder = history.tableExists() ? lock.holder(c) : null;
            Map<MigrationId, ChecksumMismatchException.Mismatch> changed = mismatches(history);
            Set<String> names = new TreeSet<>(byModule().keySet());
            history.all().stream().map(AppliedMigration::module).filter(this::loadsModule).forEach(names::add);
            Map<String, List<String>> missingByModule = new TreeMap<>();
            missing(history).forEach(id -> missingByModule.computeIfAbsent(id.module(), k -> new ArrayList<>()).add(id.name()));
            List<ModuleStatus> modules = new ArrayList<>();
            for (String module : names) {
                List<AppliedMigration> applied = new ArrayList<>();
                List<String> pending = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                List<String> changedNames = new ArrayList<>();
                for (LoadedMigration m : migrations(module)) {
                    AppliedMigration a = history.get(m.id());
                    if (a == null) {
                        pending.add(m.name());
                    } else {
                        applied.add(a);
                        if (changed.containsKey(m.id())) {
                            changedNames.add(m.name());
                        }
                    }
                }
                missing.addAll(missingByModule.getOrDefault(module, List.of()));
                modules.add(new ModuleStatus(module, List.copyOf(applied), List.copyOf(pending), List.copyOf(missing),
                        List.copyOf(changedNames), List.copyOf(graph().dependenciesOf(module))));
            }
            Map<String, io.modulemigrations.script.ScriptState> scriptStates = new TreeMap<>();
            settings.scripts().forEach(s -> scriptStates.put(s.name(), new io.modulemigrations.script.ScriptState(s.name(), null, null, null)));
            scriptRunner().states(c).forEach(s -> scriptStates.put(s.name(), s));
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return new MigrationStatus(List.copyOf(modules), List.copyOf(scriptStates.values()), holder);
        } catch (SQLException e) {
            throw new MigrationException("Could not read migration status: " + e.getMessage() + ". Nothing was changed.", e);
        }
    }

    /** The code's migration of this id, found in its module's name-ordered list. */
    @Nullable LoadedMigration migration(MigrationId id) {
        List<LoadedMigration> module = byModule().get(id.module());
        int i = module == null ? -1 : MigrationLoader.indexOf(module, id.name());
        return i < 0 ? null : module.get(i);
    }

    /** Applied migrations no longer in the code: reported, not fatal. */
    List<MigrationId> missing(History history) {
        List<MigrationId> missing = new ArrayList<>();
        for (AppliedMigration a : history.unordered()) {
            if (migration(a.id()) == null && loadsModule(a.module())) {
                missing.add(a.id());
            }
        }
        Collections.sort(missing);
        return List.copyOf(missing);
    }

    boolean loadsModule(String module) {
        return onlyModules == null || onlyModules.contains(module);
    }

    /**
     * Reads and parses what is about to run or be shown, every problem at once: files are read only when
     * their migrations are to run, so a start with nothing pending reads none.
     */
    static void validate(Collection<LoadedMigration> toRun) {
        List<String> problems = new ArrayList<>();
        for (LoadedMigration m : toRun) {
            try {
                m.validate();
            } catch (InvalidSqlMigrationException | UncheckedIOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMigrationsException(problems);
        }
    }

    /**
     * Whether the history is exactly the code's migrations with their checksums, read as module, name
     * and checksum alone and compared as they come: then nothing is pending, changed or missing.
     * False whenever anything differs or cannot be told cheaply; the caller then reads and compares
     * the history as a run does.
     */
    boolean appliedAsInCode(HistoryCheck check) throws SQLException {
        Boolean told = check.asInCode();
        if (told != null) {
            return told;
        }
        Connection c = check.connection();
        CodeFingerprint fingerprint = codeFingerprint;
        if (fingerprint != null && discovered == null) {
            Integer modules = tables().checks.unchanged(c, fingerprint.value(), historyTable().qualifiedName(), fingerprint::isRecorded);
            if (modules != null) {
                check.foundRecorded(modules);
                return true;
            }
        }
        if (!fastPathApplies()) {
            return false;
        }
        CodeChecksums code = CodeChecksums.of(byModule());
        boolean asInCode = historyTable().checksums(c, code::matches, fingerprint != null);
        check.compared(asInCode, code.digest());
        return asInCode;
    }

    /**
     * The number of modules, as discovered, or as recorded with the code's fingerprint when {@code check}
     * found the history unchanged without discovering anything.
     */
    int moduleCount(HistoryCheck check) {
        return discovered == null && check.byRecord() ? check.recordedModules() : byModule().size();
    }

    /**
     * Records, when {@link #appliedAsInCode} has just proved the history as in the code by reading every
     * row, that the history with the digest read with them is this code's, so that the next start with the
     * same code can tell it by the digest alone. Never fails a run: the record only saves a later start work.
     */
    void recordChecked(HistoryCheck check) {
        String digest = check.takeDigest();
        CodeFingerprint code = codeFingerprint;
        if (digest == null || code == null) {
            return;
        }
        Connection c = check.connection();
        CheckTable checks = tables().checks;
        try {
            if (!checks.record(c, code.recorded(), digest, byModule().size())) {
                // A history from before the check table existed: create it, if no run holds the lock, and record.
                if (lock.tryAcquire(c)) {
                    try {
                        checks.create(c);
                        checks.record(c, code.recorded(), digest, byModule().size());
                    } finally {
                        lock.release(c);
                    }
                }
            }
        } catch (SQLException e) {
            log.debug("Could not record the check of the history (the next start compares every migration again): {}", e.getMessage());
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the connection is broken; the run's next statement says so
            }
        }
    }

    /** Whether {@link #appliedAsInCode} can tell anything: every migration is loaded and checked by its checksum. */
    private boolean fastPathApplies() {
        if (onlyModules != null || !settings.validateChecksums()) {
            return false;
        }
        return !discovered().migrations.isEmpty();
    }

    void checkChecksums(History history) {
        if (!settings.validateChecksums()) {
            return;
        }
        Map<MigrationId, ChecksumMismatchException.Mismatch> mismatches = mismatches(history);
        if (!mismatches.isEmpty()) {
            throw new ChecksumMismatchException(mismatches);
        }
    }

    private Map<MigrationId, ChecksumMismatchException.Mismatch> mismatches(History history) {
        Map<MigrationId, ChecksumMismatchException.Mismatch> mismatches = new TreeMap<>();
        for (AppliedMigration a : history.unordered()) {
            LoadedMigration m = migration(a.id());
            ChecksumMismatchException.Mismatch mismatch = m == null ? null : mismatch(m, a);
            if (mismatch != null) {
                mismatches.put(a.id(), mismatch);
            }
        }
        return mismatches;
    }

    /** How an applied migration's recorded checksum differs from the code's, or null when it does not (or was not recorded). */
    static ChecksumMismatchException.@Nullable Mismatch mismatch(LoadedMigration m, AppliedMigration applied) {
        String recorded = applied.checksum();
        return recorded == null || m.hasChecksum(recorded) ? null : new ChecksumMismatchException.Mismatch(recorded, m.currentChecksum());
    }

    /** Work done while holding the run lock. */
    interface LockedWork<T extends @Nullable Object> {
        T run() throws SQLException, InterruptedException;
    }

    /** Prepares the session, takes the run lock (polling), does the work, and puts everything back. */
    <T extends @Nullable Object> T underLock(Connection c, LockedWork<T> work) throws SQLException, InterruptedException {
        Database.SessionRestore restore = database.prepare(c);
        try {
            lock.acquire(c, settings.lockWaitTimeout(), holder -> {
                log.info("Waiting up to {} ms for the migration lock, held by {}", settings.lockWaitTimeout().toMillis(),
                        holder == null ? "another session" : holder);
                settings.listeners().forEach(l -> l.waitingForLock(holder));
            });
            try {
                return work.run();
            } finally {
                try {
                    lock.release(c);
                } catch (SQLException e) {
                    // The session is broken; its lock ended with it.
                }
            }
        } finally {
            restore.run();
        }
    }
}
