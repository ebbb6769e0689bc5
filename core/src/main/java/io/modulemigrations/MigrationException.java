package io.modulemigrations;

/**
 * Why a run did not do what was asked. Every message says what failed, what was left as it was,
 * and what to do next.
 */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
