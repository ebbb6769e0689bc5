package io.modulemigrations.autoconfigure.command;

import org.jspecify.annotations.Nullable;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrationException;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.lint.LintMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code db:*} commands: parse the arguments, call the engine, print, and answer an exit code:
 * {@value #SUCCESS} success, {@value #FAILURE} failure, {@value #USAGE} bad usage (unknown module,
 * bad option). Used by {@code java -jar app.jar db:...} and by Spring Shell alike. Only
 * {@code db:sync-links} may ask a question, and only when given a {@link Prompt}.
 */
public class MigrationCommands {

    /** Exit code: the command did what was asked. */
    public static final int SUCCESS = 0;
    /** Exit code: the command failed; the message says what was left as it was. */
    public static final int FAILURE = 1;
    /** Exit code: bad usage, such as an unknown module or option; nothing was changed. */
    public static final int USAGE = 2;

    // Every command, in the order help lists them: the one place a command is declared, with its implementation.
    private static final Map<String, DbCommand> BY_NAME = byName(List.of(new StatusCommand(), new MigrateCommand(),
            new RollbackCommand(), new MigrateScriptsCommand(), new SyncLinksCommand(), new CreateCommand(),
            new SetupCommand(), new SeedCommand(), new GenerateCommand(), new VerifyCommand()));

    /** The commands by name, in the order {@code help} lists them. */
    public static final Map<String, CommandSpec> COMMANDS = specs(BY_NAME);

    private final ModuleMigrations migrations;
    private final MigrateOptions defaults;
    private final DatabaseSetup setup;
    private final Supplier<MigrationGenerator> generator;
    private final Path generateOutputDir;
    private final LintMode lint;

    /**
     * The commands, with {@code db:generate} limited to {@code --empty} (no entities are known).
     *
     * @param migrations the engine
     * @param defaults   how {@code db:migrate} runs when no option says otherwise
     * @param setup      creates the database and loads seed data
     */
    public MigrationCommands(ModuleMigrations migrations, MigrateOptions defaults,
            DatabaseSetup setup) {
        this(migrations, defaults, setup, () -> null, Path.of("src/main/resources/db/migrations"));
    }

    /**
     * @param migrations        the engine
     * @param defaults          how {@code db:migrate} runs when no option says otherwise
     * @param setup             creates the database and loads seed data
     * @param generator         gives what computes {@code db:generate}'s migrations (or null), asked only by db:generate
     * @param generateOutputDir where {@code db:generate} writes SQL migrations
     */
    public MigrationCommands(ModuleMigrations migrations, MigrateOptions defaults, DatabaseSetup setup,
            Supplier<MigrationGenerator> generator, Path generateOutputDir) {
        this(migrations, defaults, setup, generator, generateOutputDir, LintMode.WARN);
    }

    /**
     * @param migrations        the engine
     * @param defaults          how {@code db:migrate} runs when no option says otherwise
     * @param setup             creates the database and loads seed data
     * @param generator         gives what computes {@code db:generate}'s migrations and the shadow database of
     *                          {@code db:verify} and the lock lint (or null), asked only by those
     * @param generateOutputDir where {@code db:generate} writes SQL migrations
     * @param lint              what lock findings of {@code db:verify} and {@code db:migrate --dry-run} do
     */
    public MigrationCommands(ModuleMigrations migrations, MigrateOptions defaults, DatabaseSetup setup,
            Supplier<MigrationGenerator> generator, Path generateOutputDir, LintMode lint) {
        this.lint = lint;
        this.migrations = migrations;
        this.defaults = defaults;
        this.setup = setup;
        this.generator = generator;
        this.generateOutputDir = generateOutputDir;
    }

    /** Whether these program arguments ask for a command: the first one that is not an option starts with {@code db:}. */
    public static boolean isCommand(String... args) {
        return CommandArguments.command(args) != null;
    }

    /**
     * Runs the command in {@code args} (the command first; options may come anywhere after it)
     * without a terminal: it never waits for input.
     *
     * @return the exit code
     */
    public int run(List<String> args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, null);
    }

    /**
     * Runs the command in {@code args}, asking {@code prompt} where a command asks (null: nobody to ask).
     *
     * @return the exit code
     */
    public int run(List<String> args, PrintWriter out, PrintWriter err, @Nullable Prompt prompt) {
        List<String> commandArgs = withoutLeadingOptions(args);
        String name = commandArgs.isEmpty() ? "" : commandArgs.get(0);
        DbCommand command = BY_NAME.get(name);
        try {
            if (command == null) {
                throw new UsageException("Unknown command '" + name + "'. Commands: " + String.join(", ", COMMANDS.keySet()));
            }
            CommandSpec spec = command.spec();
            CommandLine line = CommandLine.parse(commandArgs, Set.copyOf(spec.flags()), Set.copyOf(spec.valueOptions()));
            if (!spec.takesArguments() && !line.arguments().isEmpty()) {
                throw new UsageException(name + " takes no arguments, got " + line.arguments());
            }
            return command.run(line, new Invocation(this.migrations, this.defaults, this.setup, out, prompt,
                    this.generator, this.generateOutputDir, this.lint));
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Usage: " + (command != null ? command.spec().usage()
                    : String.join("\n       ", COMMANDS.values().stream().map(CommandSpec::usage).toList())));
            return USAGE;
        } catch (UnknownModuleException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (MigrationException e) {
            err.println(e.getMessage());
            return FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static Map<String, DbCommand> byName(List<DbCommand> commands) {
        Map<String, DbCommand> byName = new LinkedHashMap<>();
        for (DbCommand command : commands) {
            if (byName.putIfAbsent(command.spec().name(), command) != null) {
                throw new IllegalStateException("Two commands are named " + command.spec().name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    private static Map<String, CommandSpec> specs(Map<String, DbCommand> commands) {
        Map<String, CommandSpec> specs = new LinkedHashMap<>();
        commands.forEach((name, command) -> specs.put(name, command.spec()));
        return Collections.unmodifiableMap(specs);
    }

    // Spring Boot options before the command (java -jar app.jar --debug db:migrate) are not the command's.
    private static List<String> withoutLeadingOptions(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
            rest.remove(0);
        }
        return rest;
    }
}
