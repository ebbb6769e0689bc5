package io.modulemigrations.autoconfigure.command;

import org.jspecify.annotations.Nullable;

/**
 * Which {@code db:*} command, if any, program arguments ask for. Kept apart from
 * {@link MigrationCommands} so that an application start without a command loads none of the
 * command classes.
 */
final class CommandArguments {

    private CommandArguments() {
    }

    /** The first argument that is not an option, when it starts with {@code db:}; otherwise null. */
    static @Nullable String command(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.startsWith("db:") ? arg : null;
            }
        }
        return null;
    }
}
