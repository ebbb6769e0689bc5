package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.ExecutedMigration;
import io.modulemigrations.LinkSyncFailedException;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrateResult;
import io.modulemigrations.MigrationException;
import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.RollbackOptions;
import io.modulemigrations.RollbackResult;
import io.modulemigrations.ScriptFailedException;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.link.LinkSyncResult;
import io.modulemigrations.script.ScriptOutcome;
import io.modulemigrations.setup.DatabaseCreator;
import io.modulemigrations.setup.SeedData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

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

    /** The commands by name, in the order {@code help} lists them. */
    public static final Map<String, CommandSpec> COMMANDS = commands(
            new CommandSpec("db:status", "db:status [modules...] [--json]",
                    "Show applied, pending and missing migrations per module, links and migration scripts",
                    List.of("json"), List.of()),
            new CommandSpec("db:migrate", "db:migrate [--concurrency N] [--all-or-nothing] [--dry-run] [--skip-links]"
                    + " [--skip-scripts] [--execute-safe-links | --execute-all-links]",
                    "Apply pending migrations of every module, then sync links, then run migration scripts",
                    List.of("all-or-nothing", "dry-run", "skip-links", "skip-scripts", "execute-safe-links", "execute-all-links"),
                    List.of("concurrency")),
            new CommandSpec("db:rollback", "db:rollback <modules...> [--steps N] [--dry-run]",
                    "Roll back the latest batch (or --steps N) of modules", List.of("dry-run"), List.of("steps")),
            new CommandSpec("db:migrate:scripts", "db:migrate:scripts",
                    "Run the migration scripts that have not finished, without migrating", List.of(), List.of()),
            new CommandSpec("db:sync-links", "db:sync-links [--execute-safe | --execute-all | --dry-run]",
                    "Bring link tables in step with the declared links; asks before unsafe actions on a terminal",
                    List.of("execute-safe", "execute-all", "dry-run"), List.of()),
            new CommandSpec("db:create", "db:create [--db NAME]",
                    "Create the database (or NAME) on the server; one that exists is left as it is", List.of(), List.of("db")),
            new CommandSpec("db:setup", "db:setup",
                    "Create the database if needed, apply migrations, sync links and run migration scripts", List.of(), List.of()),
            new CommandSpec("db:seed", "db:seed",
                    "Migrate if anything is pending, then insert the seed data rows that are not there yet", List.of(), List.of()));

    private final ModuleMigrations migrations;
    private final MigrateOptions defaults;
    private final DatabaseSetup setup;

    /**
     * @param migrations the engine
     * @param defaults   how {@code db:migrate} runs when no option says otherwise
     * @param setup      creates the database and loads seed data
     */
    public MigrationCommands(ModuleMigrations migrations, MigrateOptions defaults,
            DatabaseSetup setup) {
        this.migrations = migrations;
        this.defaults = defaults;
        this.setup = setup;
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
    public int run(List<String> args, PrintWriter out, PrintWriter err, Prompt prompt) {
        List<String> commandArgs = withoutLeadingOptions(args);
        String command = commandArgs.isEmpty() ? "" : commandArgs.get(0);
        CommandSpec spec = COMMANDS.get(command);
        try {
            if (spec == null) {
                throw new UsageException("Unknown command '" + command + "'. Commands: " + String.join(", ", COMMANDS.keySet()));
            }
            CommandLine line = CommandLine.parse(commandArgs, Set.copyOf(spec.flags()), Set.copyOf(spec.valueOptions()));
            if (!command.equals("db:status") && !command.equals("db:rollback") && !line.arguments().isEmpty()) {
                throw new UsageException(command + " takes no arguments, got " + line.arguments());
            }
            return switch (command) {
                case "db:status" -> status(line, out);
                case "db:migrate" -> migrate(line, out);
                case "db:rollback" -> rollback(line, out);
                case "db:migrate:scripts" -> migrateScripts(out);
                case "db:sync-links" -> syncLinks(line, out, prompt);
                case "db:create" -> create(line.options().get("db"), out);
                case "db:setup" -> setup(out);
                default -> seed(out);
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Usage: " + (spec != null ? spec.usage()
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

    private int status(CommandLine line, PrintWriter out) {
        List<String> unknown = line.arguments().stream().filter(m -> !this.migrations.modules().contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("show the status of", unknown, List.copyOf(this.migrations.modules()));
        }
        MigrationStatus status = this.migrations.status();
        StatusFormat.Status shown = new StatusFormat.Status(StatusFormat.select(status, line.arguments()), this.migrations.links(),
                this.migrations.planLinks().actions(), status.scripts(), status.lockHolder());
        out.print(line.flag("json") ? StatusFormat.json(shown) : StatusFormat.text(shown));
        return SUCCESS;
    }

    private int migrate(CommandLine line, PrintWriter out) {
        exclusive(line, "execute-safe-links", "execute-all-links");
        exclusive(line, "skip-links", "execute-safe-links");
        exclusive(line, "skip-links", "execute-all-links");
        MigrateOptions options = this.defaults
                .withConcurrency(line.number("concurrency", 1, this.defaults.concurrency()))
                .withAllOrNothing(line.flag("all-or-nothing") || this.defaults.allOrNothing())
                .withDryRun(line.flag("dry-run"))
                .withSkipLinks(line.flag("skip-links") || this.defaults.skipLinks())
                .withSkipScripts(line.flag("skip-scripts") || this.defaults.skipScripts());
        if (line.flag("execute-safe-links") || line.flag("execute-all-links")) {
            options = options.withSkipLinks(false).withLinkMode(line.flag("execute-all-links") ? LinkMode.ALL : LinkMode.SAFE);
        }
        return migrate(options, out);
    }

    private int migrate(MigrateOptions options, PrintWriter out) {
        MigrateResult result;
        try {
            result = this.migrations.migrate(options);
        } catch (LinkSyncFailedException e) {
            OutcomeFormat.links(e.result().results(), out);
            throw e;
        } catch (ScriptFailedException e) {
            OutcomeFormat.scripts(e.outcomes(), out);
            throw e;
        }
        if (result.dryRun()) {
            String sql = result.planSql();
            out.print(sql.isEmpty() ? "Nothing to migrate: every module is up to date and links are in step.\n" : sql);
            out.println("Dry run: nothing was changed.");
            return SUCCESS;
        }
        if (result.nothingToDo()) {
            out.println("Nothing to migrate: every module is up to date.");
        } else {
            result.applied().forEach(m -> out.println("Applied " + m.module() + "/" + m.name() + " (" + m.duration().toMillis() + " ms)"));
            out.println("Applied " + result.applied().size() + " migration(s) in batch " + result.batch() + " in "
                    + result.duration().toMillis() + " ms.");
        }
        if (!result.missing().isEmpty()) {
            out.println("Applied but no longer in the code (left as they are): " + result.missing());
        }
        OutcomeFormat.links(result.links(), out);
        OutcomeFormat.scripts(result.scripts(), out);
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

    private int migrateScripts(PrintWriter out) {
        List<ScriptOutcome> outcomes;
        try {
            outcomes = this.migrations.migrateScripts();
        } catch (ScriptFailedException e) {
            OutcomeFormat.scripts(e.outcomes(), out);
            throw e;
        }
        if (outcomes.isEmpty()) {
            out.println("No migration scripts are declared (MigrationScript beans).");
        }
        OutcomeFormat.scripts(outcomes, out);
        return SUCCESS;
    }

    private int syncLinks(CommandLine line, PrintWriter out, Prompt prompt) {
        if (Stream.of("execute-safe", "execute-all", "dry-run").filter(line::flag).count() > 1) {
            throw new UsageException("Give one of --execute-safe, --execute-all or --dry-run");
        }
        if (line.flag("dry-run")) {
            LinkPlan plan = this.migrations.planLinks();
            out.print(plan.isEmpty() ? "Links are in step with their declarations.\n" : plan.toSql());
            out.println("Dry run: nothing was changed.");
            return SUCCESS;
        }
        Predicate<LinkAction> include = LinkMode.SAFE;
        if (line.flag("execute-all")) {
            include = LinkMode.ALL;
        } else if (!line.flag("execute-safe")) {
            include = chooseUnsafe(this.migrations.planLinks(), out, prompt);
        }
        LinkSyncResult result;
        try {
            result = this.migrations.syncLinks(include);
        } catch (LinkSyncFailedException e) {
            OutcomeFormat.links(e.result().results(), out);
            throw e;
        }
        if (result.results().isEmpty()) {
            out.println("Links are in step with their declarations; nothing to do.");
        }
        OutcomeFormat.links(result.results(), out);
        return SUCCESS;
    }

    /** Safe actions, plus the unsafe ones the operator picks; without a terminal, safe actions only. */
    private static Predicate<LinkAction> chooseUnsafe(LinkPlan plan, PrintWriter out, Prompt prompt) {
        if (plan.unsafe().isEmpty()) {
            return LinkMode.SAFE;
        }
        if (prompt == null) {
            out.println("No terminal to ask on, so only safe link actions are applied (give --execute-all to apply unsafe ones too).");
            return LinkMode.SAFE;
        }
        out.println(plan.unsafe().size() + " link action(s) may lose data:");
        Set<LinkAction> chosen = new HashSet<>();
        for (LinkAction action : plan.unsafe()) {
            out.println("  " + action.impact());
            action.sql().forEach(sql -> out.println("    " + sql + ";"));
            out.flush();
            String answer = prompt.ask("Apply it? [y/N] ");
            if (answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                chosen.add(action);
            }
        }
        return action -> action.safe() || chosen.contains(action);
    }

    private int create(String database, PrintWriter out) {
        DatabaseSetup.Created created;
        try {
            created = this.setup.create(database);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println(created.outcome() == DatabaseCreator.Outcome.CREATED ? "Created database " + created.database() + "."
                : "Database " + created.database() + " already exists; left as it is.");
        return SUCCESS;
    }

    private int setup(PrintWriter out) {
        create(null, out);
        return migrate(this.defaults, out);
    }

    private int seed(PrintWriter out) {
        Map<String, List<Map<String, Object>>> rows = this.setup.readSeed();
        migrate(this.defaults, out);
        for (SeedData.TableResult table : this.setup.seed(rows)) {
            out.println("Seeded " + table.table() + ": " + table.inserted() + " row(s) inserted, " + table.skipped() + " already there");
        }
        return SUCCESS;
    }

    private static void exclusive(CommandLine line, String one, String other) {
        if (line.flag(one) && line.flag(other)) {
            throw new UsageException("Give --" + one + " or --" + other + ", not both");
        }
    }

    private static Map<String, CommandSpec> commands(CommandSpec... specs) {
        Map<String, CommandSpec> byName = new LinkedHashMap<>();
        for (CommandSpec spec : specs) {
            byName.put(spec.name(), spec);
        }
        return Collections.unmodifiableMap(byName);
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
