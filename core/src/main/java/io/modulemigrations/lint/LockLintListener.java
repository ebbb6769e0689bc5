package io.modulemigrations.lint;

import io.modulemigrations.Direction;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Lints chosen migrations while an engine replays migrations on a scratch database: right before
 * each of them is applied, {@link LockLint} runs its up there in a rolled-back transaction.
 */
public final class LockLintListener implements MigrationListener, AutoCloseable {

    private final DataSource scratch;
    private final Map<MigrationId, LoadedMigration> linted = new HashMap<>();
    private final List<LockFinding> findings = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Connection connection;

    /**
     * @param application the engine whose migrations are linted
     * @param scratch     where the replay runs
     * @param migrations  the migrations to lint
     */
    public LockLintListener(ModuleMigrations application, DataSource scratch, Collection<MigrationId> migrations) {
        this.scratch = scratch;
        for (MigrationId id : migrations) {
            application.migrations(id.module()).stream().filter(m -> m.id().equals(id)).findFirst().ifPresent(m -> linted.put(id, m));
        }
    }

    /** The findings so far, in the order the migrations were applied. */
    public List<LockFinding> findings() {
        return List.copyOf(findings);
    }

    /** Migrations that could not be linted, and why. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void migrationStarted(MigrationId id, Direction direction) {
        LoadedMigration m = linted.get(id);
        if (direction != Direction.UP || m == null) {
            return;
        }
        try {
            if (connection == null) {
                connection = scratch.getConnection();
            }
            findings.addAll(LockLint.check(connection, m));
        } catch (SQLException e) {
            problems.add(id + ": its locks could not be read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
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
