package io.modulemigrations.autoconfigure;

import io.modulemigrations.DatabaseUnavailableException;
import io.modulemigrations.MigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a migration failure that stopped the application as the engine's own words (what failed,
 * what was left as it was, what to do next) instead of a stack trace.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
        if (cause instanceof DatabaseUnavailableException unavailable && unavailable.databaseMissing()) {
            return new FailureAnalysis("Module migrations failed: the database does not exist.\n\n" + cause.getMessage(),
                    "Create the database, then start the application again: run the application with 'db:create'"
                            + " (java -jar app.jar db:create), or with 'db:setup' to create it and migrate in one go.",
                    cause);
        }
        return new FailureAnalysis("Module migrations failed.\n\n" + cause.getMessage(),
                "Fix the cause above, then start the application again (or run 'db:migrate'). "
                        + "'db:status' shows what is applied and what is pending.",
                cause);
    }
}
