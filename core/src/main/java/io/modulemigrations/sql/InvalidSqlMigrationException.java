package io.modulemigrations.sql;

import java.util.Objects;

/** Thrown when a SQL migration file does not follow the {@code -- migrate:up} / {@code -- migrate:down} format. */
public final class InvalidSqlMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source names the file, for example {@code classpath:db/migrations/blog/Migration1.sql}
     * @param problem what is wrong and what is expected; the message is {@code source + ": " + problem}
     */
    public InvalidSqlMigrationException(String source, String problem) {
        super(source + ": " + Objects.requireNonNull(problem, "problem"));
        this.source = source;
    }

    /** The file the migration was read from, as given to the parser. */
    public String source() {
        return source;
    }
}
