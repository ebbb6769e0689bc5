package io.modulemigrations.autoconfigure.command;

import java.util.List;

/**
 * What a {@code db:*} command accepts, for parsing, {@code help} and Spring Shell.
 *
 * @param name           the command, e.g. {@code db:rollback}
 * @param usage          its usage line
 * @param description    one line for {@code help}
 * @param takesArguments whether it accepts positional arguments (module names); if not, any is bad usage
 * @param flags          options that take no value, e.g. {@code dry-run}
 * @param valueOptions   options that take a value, e.g. {@code steps}
 */
public record CommandSpec(String name, String usage, String description, boolean takesArguments, List<String> flags,
        List<String> valueOptions) {

    public CommandSpec {
        flags = List.copyOf(flags);
        valueOptions = List.copyOf(valueOptions);
    }
}
