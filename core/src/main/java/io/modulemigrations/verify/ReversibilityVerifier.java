package io.modulemigrations.verify;

import io.modulemigrations.Direction;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.catalog.CatalogScope;
import io.modulemigrations.catalog.CatalogSnapshot;
import io.modulemigrations.catalog.ColumnOrder;
import io.modulemigrations.catalog.LineDifference;
import io.modulemigrations.lint.LintMode;
import io.modulemigrations.lint.LockLint;
import io.modulemigrations.lint.LockLintListener;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.run.StatementBatch;
import io.modulemigrations.run.StatementFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks, on a scratch database where an engine applies every module's migrations in their normal
 * order, each migration of the verified modules right after its up: the catalog (whole schema,
 * with functions, views and triggers) is read before the up and after it; then the down runs and
 * must give back the catalog from before the up; then the up runs again and must give the catalog
 * from after it. A migration whose up and down both run in a transaction is checked inside one
 * transaction that is then rolled back, so the replay goes on from exactly the state its up left.
 *
 * <p>Column order is not compared: PostgreSQL cannot move a column, so a column dropped and added
 * back comes last; where only the order differs, the check says so in {@link MigrationCheck#columnOrder()}.
 *
 * <p>Register it as a {@link MigrationListener} of the engine that replays the migrations (with
 * concurrency 1), then read {@link #report()}.
 */
public final class ReversibilityVerifier implements MigrationListener, AutoCloseable {

    private final ModuleMigrations application;
    private final DataSource scratch;
    private final @Nullable Set<String> modules;
    private final Map<MigrationId, LoadedMigration> byId = new HashMap<>();
    private final List<MigrationCheck> checks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private @Nullable Connection connection;
    private @Nullable CatalogSnapshot beforeUp;
    private LintMode lint = LintMode.OFF;
    private @Nullable LockLintListener lockLint;

    /**
     * @param application the engine whose migrations are checked (and replayed by another engine on {@code scratch})
     * @param scratch     the scratch database the replay runs on; never the application's database
     * @param modules     the modules to check; empty for all
     * @throws io.modulemigrations.UnknownModuleException if a module has no migrations
     * @throws io.modulemigrations.InvalidMigrationsException if a SQL file is not valid, before anything runs
     */
    public ReversibilityVerifier(ModuleMigrations application, DataSource scratch, Collection<String> modules) {
        this.application = application;
        this.scratch = scratch;
        this.modules = modules.isEmpty() ? null : Set.copyOf(modules);
        application.readAll(modules);
        for (String module : modules.isEmpty() ? application.modules() : modules) {
            application.migrations(module).forEach(m -> byId.put(m.id(), m));
        }
    }

    /**
     * Also lints each verified migration's up for locks ({@link LockLint}) right before it is applied.
     *
     * @return this verifier
     */
    public ReversibilityVerifier lint(LintMode mode) {
        this.lint = mode;
        if (lockLint != null) {
            lockLint.close();
        }
        lockLint = mode == LintMode.OFF ? null : new LockLintListener(application, scratch, byId.keySet());
        return this;
    }

    /**
     * What was checked, in the order the migrations were applied; a migration of a verified module that
     * the replay did not apply (it was already recorded there, or the replay stopped) is listed as not checked.
     */
    public VerifyReport report() {
        List<String> notChecked = new ArrayList<>(problems);
        Set<MigrationId> seen = new HashSet<>();
        checks.forEach(c -> seen.add(new MigrationId(c.module(), c.name())));
        byId.keySet().stream().filter(id -> !seen.contains(id) && problems.stream().noneMatch(p -> p.startsWith(id + ":"))).sorted()
                .forEach(id -> notChecked.add(id + ": was not applied on the scratch database (already recorded there, or the replay"
                        + " stopped before it), so it was not checked"));
        if (lockLint != null) {
            notChecked.addAll(lockLint.problems());
        }
        return new VerifyReport(checks, notChecked, lockLint == null ? List.of() : lockLint.findings(), lint);
    }

    @Override
    public void migrationStarted(MigrationId id, Direction direction) {
        if (direction != Direction.UP || !byId.containsKey(id)) {
            return;
        }
        if (lockLint != null) {
            lockLint.migrationStarted(id, direction);
        }
        try {
            beforeUp = snapshot();
        } catch (SQLException e) {
            beforeUp = null;
            problems.add(id + ": the catalog could not be read before its up: " + e.getMessage());
        }
    }

    @Override
    public void migrationFinished(MigrationId id, Direction direction, Duration duration, @Nullable Throwable failure) {
        LoadedMigration m = byId.get(id);
        if (direction != Direction.UP || m == null || failure != null || beforeUp == null) {
            return;
        }
        try {
            checks.add(check(m, beforeUp));
        } catch (SQLException e) {
            problems.add(id + ": could not be checked: " + e.getMessage());
        } finally {
            beforeUp = null;
        }
    }

    private MigrationCheck check(LoadedMigration m, CatalogSnapshot before) throws SQLException {
        if (!m.reversible()) {
            return new MigrationCheck(m.module(), m.name(), Outcome.IRREVERSIBLE, none(), null, List.of());
        }
        Connection c = connection();
        boolean inOneTransaction = m.transactional() && m.downTransactional();
        CatalogSnapshot after = snapshot();
        c.setAutoCommit(!inOneTransaction);
        try {
            String downError = run(c, m, false, inOneTransaction || m.downTransactional());
            if (downError != null) {
                return new MigrationCheck(m.module(), m.name(), Outcome.DOWN_FAILS, none(), downError, List.of());
            }
            CatalogSnapshot afterDown = snapshot();
            LineDifference difference = afterDown.differenceFrom(before, ColumnOrder.IGNORED);
            List<String> columnOrder = afterDown.differenceFrom(before, ColumnOrder.SIGNIFICANT).unexpected().stream()
                    .filter(line -> line.startsWith("table ") && line.contains(" columns ")).toList();
            String upError = run(c, m, true, inOneTransaction || m.transactional());
            if (!difference.isEmpty()) {
                return new MigrationCheck(m.module(), m.name(), Outcome.DIFFERS, difference, upError, columnOrder);
            }
            if (upError != null) {
                return new MigrationCheck(m.module(), m.name(), Outcome.UP_FAILS_AGAIN, none(), upError, columnOrder);
            }
            LineDifference again = snapshot().differenceFrom(after, ColumnOrder.IGNORED);
            return new MigrationCheck(m.module(), m.name(), again.isEmpty() ? Outcome.RESTORES : Outcome.UP_FAILS_AGAIN, again, null, columnOrder);
        } finally {
            if (inOneTransaction) {
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }

    /** Runs the up or the down on {@code c}; the database's words when it fails, else null. */
    private static @Nullable String run(Connection c, LoadedMigration m, boolean up, boolean transactional) throws SQLException {
        boolean own = transactional && c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        StatementBatch batch = new StatementBatch(c, m.id(), transactional);
        try {
            if (up) {
                m.up(batch);
            } else {
                m.down(batch);
            }
            batch.flushStatements();
            if (own) {
                c.commit();
            }
            return null;
        } catch (Exception e) {
            if (transactional) {
                c.rollback();
            }
            StatementFailedException failed = StatementBatch.failureOf(e);
            return failed != null ? failed.databaseMessage() + " (statement " + failed.number() + ": " + oneLine(failed.statement()) + ")"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    private static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + " …" : s;
    }

    private CatalogSnapshot snapshot() throws SQLException {
        return CatalogSnapshot.read(connection(), CatalogScope.currentSchema().withRoutines());
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = scratch.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private static LineDifference none() {
        return new LineDifference(List.of(), List.of());
    }

    /** Closes its connection to the scratch database. */
    @Override
    public void close() {
        if (lockLint != null) {
            lockLint.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the scratch database is going away anyway
            }
            connection = null;
        }
    }
}
