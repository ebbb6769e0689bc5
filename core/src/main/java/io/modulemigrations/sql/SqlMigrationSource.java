package io.modulemigrations.sql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the SQL migration files below a location. The default, {@link SqlMigrationScanner}, reads a
 * class loader and the file system; the Spring Boot integration plugs in Spring's resource
 * resolution so jars, nested jars, exploded directories and native images behave the same.
 */
@FunctionalInterface
public interface SqlMigrationSource {

    /**
     * Every file at any depth below the location whose name {@link SqlResource#isListed is listed}
     * (so that near misses such as {@code .SQL} are refused, not ignored), as a {@link SqlResource} that
     * reads it when it is needed (with its CRC-32 where the source knows it unread); hidden ({@code .}-prefixed) files and folders are left out. Empty
     * when the location holds nothing. Each one's {@link SqlResource#source()} is
     * {@link Location#source(String) location.source(relativePath)}.
     *
     * @throws java.io.UncheckedIOException the location could not be listed
     * @throws InvalidSqlMigrationException links lead in a loop or nowhere
     */
    List<SqlResource> sqlFiles(Location location);

    /**
     * A value that changes whenever anything {@link #sqlFiles} would list for {@code location} could
     * differ, read without listing it (for a jar, {@link ArchiveFingerprint} of the archive), or null
     * when there is no such value (a directory): then every start lists the files and reads each one's
     * CRC-32, which stand in for it. A start that finds the fingerprints and the history as an earlier
     * start left them skips validating, and listing where a fingerprint stood in for it.
     */
    default @Nullable String fingerprint(Location location) {
        return null;
    }
}
