package io.modulemigrations.history;

import io.modulemigrations.migration.MigrationId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the history table holds, read once per run. */
public final class History {

    private static final History EMPTY = new History(false, List.of());

    private final boolean tableExists;
    private final Map<MigrationId, AppliedMigration> applied;
    private final int latestBatch;

    History(boolean tableExists, List<AppliedMigration> rows) {
        this.tableExists = tableExists;
        Map<MigrationId, AppliedMigration> map = new TreeMap<>();
        int latest = 0;
        for (AppliedMigration row : rows) {
            map.put(row.id(), row);
            latest = Math.max(latest, row.batch());
        }
        this.applied = Collections.unmodifiableMap(map);
        this.latestBatch = latest;
    }

    /** The history of a database that has no history table yet. */
    public static History none() {
        return EMPTY;
    }

    public boolean tableExists() {
        return tableExists;
    }

    public boolean isApplied(MigrationId id) {
        return applied.containsKey(id);
    }

    public AppliedMigration get(MigrationId id) {
        return applied.get(id);
    }

    /** Applied migrations ordered by module, then name. */
    public Collection<AppliedMigration> all() {
        return applied.values();
    }

    /** The highest batch number recorded, 0 when none. */
    public int latestBatch() {
        return latestBatch;
    }
}
