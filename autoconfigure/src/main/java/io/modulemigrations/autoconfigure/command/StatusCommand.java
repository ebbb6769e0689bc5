package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.UnknownModuleException;
import java.util.List;

/** {@code db:status}: applied, pending and missing migrations per module, links and migration scripts. */
final class StatusCommand implements DbCommand {

    private static final CommandSpec SPEC = new CommandSpec("db:status", "db:status [modules...] [--json]",
            "Show applied, pending and missing migrations per module, links and migration scripts",
            true, List.of("json"), List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(CommandLine line, Invocation invocation) {
        ModuleMigrations migrations = invocation.migrations();
        List<String> unknown = line.arguments().stream().filter(m -> !migrations.modules().contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("show the status of", unknown, List.copyOf(migrations.modules()));
        }
        MigrationStatus status = migrations.status();
        StatusFormat.Status shown = new StatusFormat.Status(StatusFormat.select(status, line.arguments()), migrations.links(),
                migrations.planLinks().actions(), status.scripts(), status.lockHolder());
        invocation.out().print(line.flag("json") ? StatusFormat.json(shown) : StatusFormat.text(shown));
        return MigrationCommands.SUCCESS;
    }
}
