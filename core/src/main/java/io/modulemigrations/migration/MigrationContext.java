package io.modulemigrations.migration;

import java.sql.Connection;

/** What a migration works with while it runs. */
public interface MigrationContext {

    /**
     * Runs SQL as part of this migration: one statement or several separated by {@code ;}, split
     * as psql splits them. Statements are sent in order, batched where possible; the checksum of a
     * Java migration is the hash of the SQL it passes here.
     *
     * @throws IllegalArgumentException before anything of {@code sql} is sent, when it is not plain
     *     SQL (an unterminated quote or comment, a psql meta-command, {@code COPY ... FROM STDIN}),
     *     or, in a transactional migration, holds transaction control ({@code commit}, {@code rollback},
     *     ...) or a statement PostgreSQL runs only outside a transaction
     */
    void sql(String sql);

    /**
     * The migration's connection, for data changes that need JDBC (queries, bound parameters).
     * SQL passed to {@link #sql} before this call has run by the time it returns. Do not commit,
     * roll back or close it: the engine owns the transaction.
     */
    Connection connection();

    /** The module this migration belongs to. */
    String module();

    /** The migration's name. */
    String name();
}
