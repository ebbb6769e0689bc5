package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.autoconfigure.command.CommandLine.UsageException;
import io.modulemigrations.setup.DatabaseCreator;
import java.util.List;

/** {@code db:create}: creates the database migrations run against (or {@code --db NAME}) unless it exists. */
final class CreateCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:create", "db:create [--db NAME]",
            "Create the database (or NAME) on the server; one that exists is left as it is", false, List.of(), List.of("db"));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        create(line.options().get("db"), invocation);
        return MigrationCommands.SUCCESS;
    }

    /** Creates {@code database} (null: the one migrations run against) and says whether it was there already. */
    static void create(String database, Invocation invocation) {
        DatabaseSetup.Created created;
        try {
            created = invocation.setup().create(database);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        invocation.out().println(created.outcome() == DatabaseCreator.Outcome.CREATED ? "Created database " + created.database() + "."
                : "Database " + created.database() + " already exists; left as it is.");
    }
}
