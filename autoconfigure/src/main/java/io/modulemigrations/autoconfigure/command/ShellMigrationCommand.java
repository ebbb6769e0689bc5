package io.modulemigrations.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

/**
 * One {@code db:*} command in Spring Shell: hands what was typed to {@link MigrationCommands} and
 * answers its exit code.
 */
public class ShellMigrationCommand implements Command {

    private final String name;
    private final String description;
    private final List<CommandOption> options;
    private final MigrationCommands commands;

    /**
     * @param name        the command, e.g. {@code db:rollback}
     * @param description one line for {@code help}
     * @param flags       options that take no value, e.g. {@code dry-run}
     * @param valueOptions options that take a number, e.g. {@code steps}
     * @param commands    what runs it
     */
    public ShellMigrationCommand(String name, String description, List<String> flags, List<String> valueOptions,
            MigrationCommands commands) {
        this.name = name;
        this.description = description;
        this.commands = commands;
        List<CommandOption> declared = new ArrayList<>();
        flags.forEach(f -> declared.add(CommandOption.with().longName(f).type(boolean.class).build()));
        valueOptions.forEach(o -> declared.add(CommandOption.with().longName(o).type(int.class).build()));
        this.options = List.copyOf(declared);
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public String getDescription() {
        return this.description;
    }

    @Override
    public String getHelp() {
        return "Usage: " + MigrationCommands.USAGES.get(this.name) + "\n" + this.description;
    }

    @Override
    public String getGroup() {
        return "Module Migrations";
    }

    @Override
    public List<CommandOption> getOptions() {
        return this.options;
    }

    @Override
    public ExitStatus execute(CommandContext context) {
        List<String> args = new ArrayList<>();
        args.add(this.name);
        context.parsedInput().arguments().stream().map(CommandArgument::value).forEach(args::add);
        for (CommandOption option : context.parsedInput().options()) {
            args.add("--" + option.longName() + "=" + option.value());
        }
        int code = this.commands.run(args, context.outputWriter(), context.outputWriter());
        return switch (code) {
            case MigrationCommands.SUCCESS -> ExitStatus.OK;
            case MigrationCommands.USAGE -> ExitStatus.USAGE_ERROR;
            default -> ExitStatus.EXECUTION_ERROR;
        };
    }
}
