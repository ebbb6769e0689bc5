package io.modulemigrations.migration;

import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Migration} instance. Its checksum is the hash of the SQL its {@code up} passes to
 * {@link MigrationContext#sql}; to know it without touching the database, {@code up} is run once
 * against a recorder (only when needed, and at most once per instance).
 */
public final class JavaMigration extends LoadedMigration {

    private final Migration migration;
    private final boolean transactional;
    private final boolean reversible;
    private volatile @Nullable Recording upRecording;

    public JavaMigration(MigrationId id, Migration migration, boolean transactional) {
        super(id);
        this.migration = migration;
        this.transactional = transactional;
        this.reversible = overridesDown(migration.getClass());
    }

    private static boolean overridesDown(Class<?> type) {
        try {
            return type.getMethod("down", MigrationContext.class).getDeclaringClass() != Migration.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public String source() {
        return migration.getClass().getName();
    }

    public Migration migration() {
        return migration;
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    @Override
    public boolean downTransactional() {
        return transactional;
    }

    @Override
    public boolean reversible() {
        return reversible;
    }

    @Override
    public void up(MigrationContext m) throws Exception {
        migration.up(m);
    }

    @Override
    public void down(MigrationContext m) throws Exception {
        migration.down(m);
    }

    @Override
    public @Nullable String currentChecksum() {
        List<String> statements = upRecording().statements();
        return statements == null ? null : Checksums.ofStatements(statements);
    }

    /** The CRC of the statements {@code up} issues, recorded; -1 when it needs the database (any recorded checksum is then accepted). */
    @Override
    public long likelyChecksumCrc() {
        List<String> statements = upRecording().statements();
        return statements == null ? -1 : Checksums.crcOfStatements(statements);
    }

    @Override
    public String checksumAfterUp(Supplier<List<String>> issued) {
        return Checksums.ofStatements(issued.get());
    }

    @Override
    public @Nullable List<String> plannedStatements(boolean up) {
        return up ? upRecording().statements() : Recording.of(this, false).statements();
    }

    private Recording upRecording() {
        Recording r = upRecording;
        if (r == null) {
            r = Recording.of(this, true);
            upRecording = r;
        }
        return r;
    }
}
