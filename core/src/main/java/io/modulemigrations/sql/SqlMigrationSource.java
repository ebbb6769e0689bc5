package io.modulemigrations.sql;

import java.util.List;

/**
 * Finds the SQL migration files below a location. The default, {@link SqlMigrationScanner}, reads a
 * class loader and the file system; the Spring Boot integration plugs in Spring's resource
 * resolution so jars, nested jars, exploded directories and native images behave the same.
 */
@FunctionalInterface
public interface SqlMigrationSource {

    /**
     * Every {@code .sql} file at any depth below the location, its text decoded as UTF-8; empty
     * when the location holds nothing. Each one's {@link SqlResource#source()} is
     * {@link Location#source(String) location.source(relativePath)}.
     *
     * @throws java.io.UncheckedIOException a file could not be read
     */
    List<SqlResource> sqlFiles(Location location);
}
