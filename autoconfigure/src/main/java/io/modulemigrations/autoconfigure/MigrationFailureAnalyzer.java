package io.modulemigrations.autoconfigure;

import io.modulemigrations.DatabaseUnavailableException;
import io.modulemigrations.MigrationException;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.util.StringUtils;

/**
 * Reports a migration failure that stopped the application as the engine's own words (what failed,
 * what was left as it was, what to do next) instead of a stack trace. Launched with a {@code db:*}
 * command, the next step is to run that command again rather than to start the application.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

    private final @Nullable String command;

    /** @param environment the failed application's environment (null when it failed before having one) */
    MigrationFailureAnalyzer(@Nullable Environment environment) {
        this.command = command(environment);
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
        if (cause instanceof DatabaseUnavailableException unavailable && unavailable.databaseMissing()) {
            return new FailureAnalysis("Module migrations failed: the database does not exist.\n\n" + cause.getMessage(),
                    "Create the database, then " + (this.command != null ? "run '" + this.command + "' again" : "start the application again")
                            + ": run the application with 'db:create' (java -jar app.jar db:create), or with 'db:setup' to"
                            + " create it and migrate in one go.",
                    cause);
        }
        String again = this.command != null ? "run '" + this.command + "' again."
                : "start the application again (or run 'db:migrate').";
        return new FailureAnalysis("Module migrations failed.\n\n" + cause.getMessage(),
                "Fix the cause above, then " + again + " 'db:status' shows what is applied and what is pending.", cause);
    }

    /** The {@code db:*} command the application was launched with, or null. */
    private static @Nullable String command(@Nullable Environment environment) {
        String nonOptionArgs = environment == null ? null
                : environment.getProperty(SimpleCommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
        if (nonOptionArgs == null) {
            return null;
        }
        String[] args = StringUtils.commaDelimitedListToStringArray(nonOptionArgs);
        return MigrationCommands.isCommand(args) ? String.join(" ", args) : null;
    }
}
