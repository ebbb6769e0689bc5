package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.ScriptFailedException;
import io.modulemigrations.script.ScriptOutcome;
import java.util.List;

/** {@code db:migrate:scripts}: the migration scripts that have not finished, without migrating. */
final class MigrateScriptsCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:migrate:scripts", "db:migrate:scripts",
            "Run the migration scripts that have not finished, without migrating", false, List.of(), List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        List<ScriptOutcome> outcomes;
        try {
            outcomes = invocation.migrations().migrateScripts();
        } catch (ScriptFailedException e) {
            OutcomeFormat.scripts(e.outcomes(), invocation.out());
            throw e;
        }
        if (outcomes.isEmpty()) {
            invocation.out().println("No migration scripts are declared (MigrationScript beans).");
        }
        OutcomeFormat.scripts(outcomes, invocation.out());
        return MigrationCommands.SUCCESS;
    }
}
