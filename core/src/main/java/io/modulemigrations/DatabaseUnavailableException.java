package io.modulemigrations;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** The database could not be reached; nothing was changed. */
public final class DatabaseUnavailableException extends MigrationException {

    /** SQLSTATE invalid_catalog_name: {@code FATAL: database "x" does not exist}. */
    private static final String INVALID_CATALOG_NAME = "3D000";

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the reason is that the database named in the URL does not exist (db:create makes it). */
    public boolean databaseMissing() {
        return missingDatabase(getCause()) != null;
    }

    /** The driver's "database does not exist" error among {@code failure}'s causes (a pool may wrap it), or null. */
    static @Nullable SQLException missingDatabase(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && INVALID_CATALOG_NAME.equals(s.getSQLState())) {
                return s;
            }
        }
        return null;
    }
}
