package io.modulemigrations;

/** The database could not be reached; nothing was changed. */
public final class DatabaseUnavailableException extends MigrationException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
