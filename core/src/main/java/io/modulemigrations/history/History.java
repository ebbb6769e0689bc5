package io.modulemigrations.history;

import io.modulemigrations.migration.MigrationId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What the history table holds, read once per run. Not thread-safe. */
public final class History {

    private static final History EMPTY = new History(false, List.of());

    private final boolean tableExists;
    private final Map<MigrationId, AppliedMigration> applied;
    private final int latestBatch;
    private @Nullable Collection<AppliedMigration> sorted;

    History(boolean tableExists, List<AppliedMigration> rows) {
        this.tableExists = tableExists;
        Map<MigrationId, AppliedMigration> map = new HashMap<>(rows.size() * 4 / 3 + 1);
        int latest = 0;
        for (AppliedMigration row : rows) {
            map.put(row.id(), row);
            latest = Math.max(latest, row.batch());
        }
        this.applied = map;
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

    public @Nullable AppliedMigration get(MigrationId id) {
        return applied.get(id);
    }

    /** Applied migrations ordered by module, then name (sorted on the first call). */
    public Collection<AppliedMigration> all() {
        if (sorted == null) {
            sorted = Collections.unmodifiableCollection(new TreeMap<>(applied).values());
        }
        return sorted;
    }

    /** Applied migrations in no particular order: for checks that look at each one once. */
    public Collection<AppliedMigration> unordered() {
        return Collections.unmodifiableCollection(applied.values());
    }

    /** How many migrations are recorded as applied. */
    public int size() {
        return applied.size();
    }

    /** The highest batch number recorded, 0 when none. */
    public int latestBatch() {
        return latestBatch;
    }
}
