package io.modulemigrations.autoconfigure.command;

import java.util.List;

/** {@code db:setup}: {@code db:create}, then {@code db:migrate} as configured. */
final class SetupCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:setup", "db:setup",
            "Create the database if needed, apply migrations, sync links and run migration scripts", false, List.of(), List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        CreateCommand.create(null, invocation);
        return MigrateCommand.migrate(invocation.defaults(), invocation);
    }
}
