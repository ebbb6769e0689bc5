package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.shell.core.command.ExitStatus;

/** db:* typed into Spring Shell go through Spring Shell's parser to the same command layer. */
@PostgresTest
class ShellMigrationCommandTests {

    @Test
    void parsesOptionsAndAnswersTheExitStatus(DataSource dataSource) throws Exception {
        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(dataSource).locations()
                .sqlMigration("blog", "Migration202507021059", "-- migrate:up\ncreate table author (id text);\n-- migrate:down\ndrop table author;\n")
                .load();
        MigrationCommands commands = MigrationCommandsTests.commands(migrations, dataSource);
        ShellMigrationCommand migrate = new ShellMigrationCommand(MigrationCommands.COMMANDS.get("db:migrate"), commands);
        ShellMigrationCommand rollback = new ShellMigrationCommand(MigrationCommands.COMMANDS.get("db:rollback"), commands);
        CommandRegistry registry = new CommandRegistry();
        registry.registerCommand(migrate);
        registry.registerCommand(rollback);

        StringWriter out = new StringWriter();
        assertThat(execute(registry, migrate, "db:migrate --concurrency 2 --all-or-nothing", out)).isEqualTo(ExitStatus.OK);
        assertThat(out.toString()).contains("Applied blog/Migration202507021059");
        assertThat(execute(registry, rollback, "db:rollback blog --dry-run", out)).isEqualTo(ExitStatus.OK);
        assertThat(out.toString()).contains("drop table author", "Dry run");
        assertThat(execute(registry, rollback, "db:rollback nosuch", out)).isEqualTo(ExitStatus.USAGE_ERROR);
        assertThat(out.toString()).contains("Cannot rollback migrations for unknown module(s): nosuch. Available modules: blog");
        assertThat(migrations.status().upToDate()).isTrue();
    }

    @Test
    void syncLinksAsksThroughTheShellsInputReaderAndCreateTakesAName(DataSource dataSource) throws Exception {
        ModuleLink link = ModuleLink.between("blog", "post", "brand", "brand");
        ModuleMigrations.configure().dataSource(dataSource).locations().links(link).load().syncLinks(LinkMode.SAFE);
        MigrationCommands commands = MigrationCommandsTests.commands(ModuleMigrations.configure().dataSource(dataSource).locations().load(),
                dataSource);
        ShellMigrationCommand syncLinks = new ShellMigrationCommand(MigrationCommands.COMMANDS.get("db:sync-links"), commands);
        ShellMigrationCommand create = new ShellMigrationCommand(MigrationCommands.COMMANDS.get("db:create"), commands);
        CommandRegistry registry = new CommandRegistry();
        registry.registerCommand(syncLinks);
        registry.registerCommand(create);

        StringWriter out = new StringWriter();
        InputReader nonInteractive = new InputReader() {
        };
        assertThat(execute(registry, syncLinks, "db:sync-links", out, nonInteractive)).isEqualTo(ExitStatus.OK);
        assertThat(out.toString()).contains("Link not applied  not selected (unsafe): drops table " + link.tableName());
        InputReader yes = new InputReader() {
            @Override
            public String readInput(String prompt) {
                out.append(prompt);
                return "yes";
            }
        };
        assertThat(execute(registry, syncLinks, "db:sync-links", out, yes)).isEqualTo(ExitStatus.OK);
        assertThat(out.toString()).contains("Apply it? [y/N] ", "Link applied      drops table " + link.tableName());

        try (TestDatabase existing = PostgresServer.shared().createDatabase("shell_create")) {
            assertThat(execute(registry, create, "db:create --db " + existing.name(), out, null)).isEqualTo(ExitStatus.OK);
            assertThat(out.toString()).contains("Database " + existing.name() + " already exists; left as it is.");
        }
    }

    @Test
    void rollbackTakesWithDependents(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("shell_with_dependents")) {
            ModuleMigrations migrations = RollbackCommandTests.petClinic(db.dataSource()).load();
            migrations.migrate();
            ShellMigrationCommand rollback = new ShellMigrationCommand(MigrationCommands.COMMANDS.get("db:rollback"),
                    MigrationCommandsTests.commands(migrations, db.dataSource()));
            CommandRegistry registry = new CommandRegistry();
            registry.registerCommand(rollback);

            StringWriter out = new StringWriter();
            assertThat(execute(registry, rollback, "db:rollback owners", out)).isEqualTo(ExitStatus.EXECUTION_ERROR);
            assertThat(out.toString()).contains("Cannot roll back owners: visits depends on owners");
            assertThat(execute(registry, rollback, "db:rollback owners --with-dependents", out)).isEqualTo(ExitStatus.OK);
            assertThat(out.toString()).containsSubsequence("Rolled back visits/Migration202501010001", "Rolled back owners/Migration202501010001");
        }
    }

    private static ExitStatus execute(CommandRegistry registry, ShellMigrationCommand command, String input, StringWriter out)
            throws Exception {
        return execute(registry, command, input, out, null);
    }

    private static ExitStatus execute(CommandRegistry registry, ShellMigrationCommand command, String input, StringWriter out,
            InputReader reader) throws Exception {
        CommandContext context = new CommandContext(new DefaultCommandParser(registry).parse(input), registry,
                new PrintWriter(out), reader);
        return command.execute(context);
    }
}
