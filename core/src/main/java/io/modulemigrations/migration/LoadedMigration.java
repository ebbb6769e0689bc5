package io.modulemigrations.migration;

import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A migration as the engine runs it: identity, where it came from, how it runs, and its up and
 * down steps. Built by {@link MigrationLoader} from SQL files and {@link Migration} classes.
 */
public abstract sealed class LoadedMigration permits SqlFileMigration, JavaMigration {

    private final MigrationId id;

    LoadedMigration(MigrationId id) {
        this.id = id;
    }

    public MigrationId id() {
        return id;
    }

    public String module() {
        return id.module();
    }

    public String name() {
        return id.name();
    }

    /** Where the migration was declared (file or class), for messages. */
    public abstract String source();

    /**
     * Reads and checks what the migration runs, so that a problem is known before anything runs. A SQL
     * file is read and parsed here (or at its first use); a Java migration has nothing to check.
     *
     * @throws io.modulemigrations.sql.InvalidSqlMigrationException the file is not UTF-8 or not a valid migration
     */
    public void validate() {
    }

    public abstract boolean transactional();

    public abstract boolean downTransactional();

    public abstract boolean reversible();

    public abstract void up(MigrationContext m) throws Exception;

    public abstract void down(MigrationContext m) throws Exception;

    /**
     * The checksum this migration has now, to compare with the recorded one; null when it cannot
     * be known without running it (a Java migration that uses JDBC directly).
     */
    public abstract @Nullable String currentChecksum();

    /**
     * Whether {@code recorded} is this migration's checksum, or cannot be compared (see
     * {@link #currentChecksum()}).
     */
    public boolean hasChecksum(String recorded) {
        String current = currentChecksum();
        return current == null || current.equals(recorded);
    }

    /**
     * The CRC whose 8 hex digits ({@link Checksums#hex}) this migration most likely has on record as its
     * checksum (a SQL file's from a jar's directory, without reading it; a Java migration's from its
     * {@code up} recorded), or -1 when its checksum cannot be known without a database, when
     * {@link #hasChecksum} accepts any. Only an equal recorded one is taken as proof; anything else is
     * compared with {@link #hasChecksum}.
     */
    public abstract long likelyChecksumCrc();

    /** The checksum to record after {@link #up} issued these statements (asked for only when the checksum depends on them). */
    public abstract String checksumAfterUp(Supplier<List<String>> issued);

    /** The SQL {@link #up} or {@link #down} would issue, or null when it cannot be known without running it. */
    public abstract @Nullable List<String> plannedStatements(boolean up);

    @Override
    public String toString() {
        return id.toString();
    }
}
