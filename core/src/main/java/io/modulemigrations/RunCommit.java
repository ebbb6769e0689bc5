package io.modulemigrations;

import io.modulemigrations.run.StatementBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one commit that ends a run held in one transaction: an all-or-nothing migrate, a rollback of
 * transactional downs. The database may refuse it (a deferred constraint is checked only then, and no
 * one step can be named for it): then nothing of the run stays. Or the connection fails on the way:
 * then whether the commit reached the database is unknown, and the message must not claim either.
 */
final class RunCommit {

    private RunCommit() {
    }

    /**
     * Commits {@code c}; a failure rolls back what can be and throws a message made of {@code run} (the
     * run's steps, as they are named), then {@code refused} or {@code unknown}: what is left, and what to do.
     */
    static void commit(Connection c, Supplier<String> run, String refused, String unknown) {
        try {
            c.commit();
        } catch (SQLException e) {
            StepRunner.rollbackQuietly(c);
            if (StatementBatch.reportedByServer(e)) {
                throw new MigrationException(run.get() + " ran in one transaction, but the database refused its commit: " + e.getMessage()
                        + " (a deferred constraint, for one, is checked only at commit). The transaction was rolled back: " + refused, e);
            }
            throw new MigrationException(run.get() + " ran in one transaction, but the connection failed while committing it: "
                    + e.getMessage() + ". Whether the commit reached the database is unknown: " + unknown, e);
        }
    }

    /** The steps' ids, comma-separated, or {@code none}. */
    static String ids(List<ExecutedMigration> steps) {
        return steps.isEmpty() ? "none" : steps.stream().map(e -> e.id().toString()).collect(Collectors.joining(", "));
    }
}
