package io.modulemigrations.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

/**
 * One {@code db:*} command in Spring Shell: hands what was typed to {@link MigrationCommands} and
 * answers its exit code. Questions ({@code db:sync-links}) go to the shell's input reader.
 */
public class ShellMigrationCommand implements Command {

    private final CommandSpec spec;
    private final List<CommandOption> options;
    private final MigrationCommands commands;

    /**
     * @param spec     the command, e.g. {@code MigrationCommands.COMMANDS.get("db:rollback")}
     * @param commands what runs it
     */
    /**
     * The shell command for one of {@link MigrationCommands#COMMANDS}, by name (a factory method with
     * plain arguments, so Spring AOT can generate the bean registration).
     */
    public static ShellMigrationCommand of(String command, MigrationCommands commands) {
        CommandSpec spec = MigrationCommands.COMMANDS.get(command);
        if (spec == null) {
            throw new IllegalArgumentException("No command named '" + command + "'. Commands: "
                    + String.join(", ", MigrationCommands.COMMANDS.keySet()));
        }
        return new ShellMigrationCommand(spec, commands);
    }

    public ShellMigrationCommand(CommandSpec spec, MigrationCommands commands) {
        this.spec = spec;
        this.commands = commands;
        List<CommandOption> declared = new ArrayList<>();
        spec.flags().forEach(f -> declared.add(CommandOption.with().longName(f).type(boolean.class).build()));
        spec.valueOptions().forEach(o -> declared.add(CommandOption.with().longName(o).type(String.class).build()));
        this.options = List.copyOf(declared);
    }

    @Override
    public String getName() {
        return this.spec.name();
    }

    @Override
    public String getDescription() {
        return this.spec.description();
    }

    @Override
    public String getHelp() {
        return "Usage: " + this.spec.usage() + "\n" + this.spec.description();
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
        args.add(this.spec.name());
        context.parsedInput().arguments().stream().map(CommandArgument::value).forEach(args::add);
        for (CommandOption option : context.parsedInput().options()) {
            args.add("--" + option.longName() + "=" + option.value());
        }
        int code = this.commands.run(args, context.outputWriter(), context.outputWriter(), prompt(context.inputReader()));
        return switch (code) {
            case MigrationCommands.SUCCESS -> ExitStatus.OK;
            case MigrationCommands.USAGE -> ExitStatus.USAGE_ERROR;
            default -> ExitStatus.EXECUTION_ERROR;
        };
    }

    // Spring Shell's non-interactive runner gives a reader that cannot read: then nobody is asked.
    private static Prompt prompt(InputReader reader) {
        if (reader == null) {
            return null;
        }
        return question -> {
            try {
                return reader.readInput(question);
            } catch (UnsupportedOperationException e) {
                return null;
            } catch (Exception e) {
                throw new IllegalStateException("Could not read the answer: " + e.getMessage(), e);
            }
        };
    }
}
