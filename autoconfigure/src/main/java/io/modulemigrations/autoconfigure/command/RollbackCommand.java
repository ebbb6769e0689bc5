package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.ExecutedMigration;
import io.modulemigrations.RollbackOptions;
import io.modulemigrations.RollbackResult;
import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code db:rollback}: reverts the latest batch, or the last N migrations, of the given modules;
 * refused when modules depending on them applied migrations after those, unless {@code --with-dependents}.
 */
final class RollbackCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:rollback", "db:rollback <modules...> [--steps N] [--dry-run] [--with-dependents]",
            "Roll back the latest batch (or --steps N) of modules; --with-dependents first undoes what modules depending on"
                    + " them applied after it", true, List.of("dry-run", "with-dependents"), List.of("steps"));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        if (line.arguments().isEmpty()) {
            throw new UsageException("db:rollback needs at least one module. Available modules: "
                    + String.join(", ", invocation.migrations().modules()));
        }
        RollbackOptions options = RollbackOptions.latestBatch()
                .withSteps(line.number("steps", 1, 0))
                .withDryRun(line.flag("dry-run"))
                .withDependents(line.flag("with-dependents"));
        RollbackResult result = invocation.migrations().rollback(line.arguments(), options);
        PrintWriter out = invocation.out();
        if (result.dryRun()) {
            out.print(result.plan().isEmpty() ? "Nothing to roll back.\n" : result.planSql());
            out.println("Dry run: nothing was changed.");
            return MigrationCommands.SUCCESS;
        }
        if (result.nothingToDo()) {
            out.println("Nothing to roll back for " + String.join(", ", line.arguments()) + ": nothing is applied.");
            return MigrationCommands.SUCCESS;
        }
        for (ExecutedMigration m : result.reverted()) {
            out.println("Rolled back " + m.module() + "/" + m.name() + " (" + m.duration().toMillis() + " ms)");
        }
        out.println("Rolled back " + result.reverted().size() + " migration(s) in " + result.duration().toMillis() + " ms.");
        return MigrationCommands.SUCCESS;
    }
}
