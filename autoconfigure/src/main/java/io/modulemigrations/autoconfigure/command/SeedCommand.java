package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.setup.SeedData;
import java.util.List;
import java.util.Map;

/** {@code db:seed}: migrates as configured, then inserts the seed rows that are not there yet. */
final class SeedCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:seed", "db:seed",
            "Migrate if anything is pending, then insert the seed data rows that are not there yet", false, List.of(), List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        // Read first: a missing or malformed seed file fails before anything is migrated.
        Map<String, List<Map<String, Object>>> rows = invocation.setup().readSeed();
        MigrateCommand.migrate(invocation.defaults(), invocation);
        for (SeedData.TableResult table : invocation.setup().seed(rows)) {
            invocation.out().println("Seeded " + table.table() + ": " + table.inserted() + " row(s) inserted, "
                    + table.alreadyThere() + " already there");
        }
        return MigrationCommands.SUCCESS;
    }
}
