package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.ExecutedMigration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrateResult;
import io.modulemigrations.MigrationException;
import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.RollbackOptions;
import io.modulemigrations.RollbackResult;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code db:status}, {@code db:migrate} and {@code db:rollback} commands: parse the arguments,
 * call the engine, print, and answer an exit code: {@value #SUCCESS} success, {@value #FAILURE}
 * failure, {@value #USAGE} bad usage (unknown module, bad option). Used by {@code java -jar app.jar
 * db:...} and by Spring Shell alike.
 */
public class MigrationCommands {

    /** Exit code: the command did what was asked. */
    public static final int SUCCESS = 0;
    /** Exit code: the command failed; the message says what was left as it was. */
    public static final int FAILURE = 1;
    /** Exit code: bad usage, such as an unknown module or option; nothing was changed. */
    public static final int USAGE = 2;

    /** The commands, each with its usage line. */
    public static final Map<String, String> USAGES = Map.of(
            "db:status", "db:status [modules...] [--json]",
            "db:migrate", "db:migrate [--concurrency N] [--all-or-nothing] [--dry-run] [--skip-links] [--skip-scripts]"
                    + " [--execute-safe-links] [--execute-all-links]",
            "db:rollback", "db:rollback <modules...> [--steps N] [--dry-run]");

    private static final Set<String> NOT_YET = Set.of("skip-links", "skip-scripts", "execute-safe-links", "execute-all-links");

    private final ModuleMigrations migrations;
    private final MigrateOptions defaults;

    /**
     * @param migrations the engine
     * @param defaults   how {@code db:migrate} runs when no option says otherwise
     */
    public MigrationCommands(ModuleMigrations migrations, MigrateOptions defaults) {
        this.migrations = migrations;
        this.defaults = defaults;
    }

    /** Whether these program arguments ask for a command: the first one that is not an option starts with {@code db:}. */
    public static boolean isCommand(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.startsWith("db:");
            }
        }
        return false;
    }

    /**
     * Runs the command in {@code args} (the command first; options may come anywhere after it).
     *
     * @return the exit code
     */
    public int run(List<String> args, PrintWriter out, PrintWriter err) {
        List<String> commandArgs = withoutLeadingOptions(args);
        String command = commandArgs.isEmpty() ? "" : commandArgs.get(0);
        try {
            return switch (command) {
                case "db:status" -> status(CommandLine.parse(commandArgs, Set.of("json"), Set.of()), out, err);
                case "db:migrate" -> migrate(CommandLine.parse(commandArgs,
                        Set.of("all-or-nothing", "dry-run", "skip-links", "skip-scripts", "execute-safe-links", "execute-all-links"),
                        Set.of("concurrency")), out);
                case "db:rollback" -> rollback(CommandLine.parse(commandArgs, Set.of("dry-run"), Set.of("steps")), out);
                default -> throw new UsageException("Unknown command '" + command + "'. Commands: " + String.join(", ", USAGES.keySet().stream().sorted().toList()));
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Usage: " + (USAGES.containsKey(command) ? USAGES.get(command) : String.join("\n       ", USAGES.values().stream().sorted().toList())));
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

    private int status(CommandLine line, PrintWriter out, PrintWriter err) {
        List<String> unknown = line.arguments().stream().filter(m -> !this.migrations.modules().contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("show the status of", unknown, List.copyOf(this.migrations.modules()));
        }
        MigrationStatus status = this.migrations.status();
        var modules = StatusFormat.select(status, line.arguments());
        out.print(line.flag("json") ? StatusFormat.json(modules, status.lockHolder()) : StatusFormat.text(modules, status.lockHolder()));
        return SUCCESS;
    }

    private int migrate(CommandLine line, PrintWriter out) {
        if (!line.arguments().isEmpty()) {
            throw new UsageException("db:migrate takes no modules: it migrates every module, got " + line.arguments());
        }
        if (line.flag("execute-safe-links") && line.flag("execute-all-links")) {
            throw new UsageException("Give --execute-safe-links or --execute-all-links, not both");
        }
        for (String option : NOT_YET) {
            if (line.flag(option)) {
                out.println("Note: links and migration scripts are not supported yet; --" + option + " has no effect.");
            }
        }
        MigrateOptions options = this.defaults
                .withConcurrency(line.number("concurrency", 1, this.defaults.concurrency()))
                .withAllOrNothing(line.flag("all-or-nothing") || this.defaults.allOrNothing())
                .withDryRun(line.flag("dry-run"));
        MigrateResult result = this.migrations.migrate(options);
        if (result.dryRun()) {
            out.print(result.plan().isEmpty() ? "Nothing to migrate: every module is up to date.\n" : result.planSql());
            out.println("Dry run: nothing was changed.");
        } else if (result.nothingToDo()) {
            out.println("Nothing to migrate: every module is up to date.");
        } else {
            result.applied().forEach(m -> out.println("Applied " + m.module() + "/" + m.name() + " (" + m.duration().toMillis() + " ms)"));
            out.println("Applied " + result.applied().size() + " migration(s) in batch " + result.batch() + " in "
                    + result.duration().toMillis() + " ms.");
        }
        if (!result.missing().isEmpty()) {
            out.println("Applied but no longer in the code (left as they are): " + result.missing());
        }
        return SUCCESS;
    }

    private int rollback(CommandLine line, PrintWriter out) {
        if (line.arguments().isEmpty()) {
            throw new UsageException("db:rollback needs at least one module. Available modules: "
                    + String.join(", ", this.migrations.modules()));
        }
        RollbackOptions options = RollbackOptions.latestBatch()
                .withSteps(line.number("steps", 1, 0))
                .withDryRun(line.flag("dry-run"));
        RollbackResult result = this.migrations.rollback(line.arguments(), options);
        if (result.dryRun()) {
            out.print(result.plan().isEmpty() ? "Nothing to roll back.\n" : result.planSql());
            out.println("Dry run: nothing was changed.");
            return SUCCESS;
        }
        if (result.nothingToDo()) {
            out.println("Nothing to roll back for " + String.join(", ", line.arguments()) + ": nothing is applied.");
            return SUCCESS;
        }
        for (ExecutedMigration m : result.reverted()) {
            out.println("Rolled back " + m.module() + "/" + m.name() + " (" + m.duration().toMillis() + " ms)");
        }
        out.println("Rolled back " + result.reverted().size() + " migration(s) in " + result.duration().toMillis() + " ms.");
        return SUCCESS;
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
