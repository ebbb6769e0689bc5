package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.Direction;
import io.modulemigrations.MigrationException;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.migration.MigrationId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Which module's migrations created each table and sequence: told of each migration as the engine
 * applies it (one at a time, on a shadow database), it lists the relations before and after.
 */
final class TableOwners implements MigrationListener {

    private final DataSource dataSource;
    private final Map<Relation, String> owners = new TreeMap<>();
    private Set<Relation> before = Set.of();

    TableOwners(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void migrationStarted(MigrationId id, Direction direction) {
        this.before = read();
    }

    @Override
    public void migrationFinished(MigrationId id, Direction direction, Duration duration, Throwable failure) {
        if (failure != null || direction != Direction.UP) {
            return;
        }
        Set<Relation> created = new TreeSet<>(read());
        created.removeAll(this.before);
        created.forEach(relation -> this.owners.putIfAbsent(relation, id.module()));
    }

    /** Relation to the module whose migrations created it. */
    Map<Relation, String> owners() {
        return Collections.unmodifiableMap(this.owners);
    }

    private Set<Relation> read() {
        try (Connection c = this.dataSource.getConnection()) {
            return Relations.read(c);
        } catch (SQLException e) {
            throw new MigrationException("Could not list the tables of the shadow database: " + e.getMessage(), e);
        }
    }
}
