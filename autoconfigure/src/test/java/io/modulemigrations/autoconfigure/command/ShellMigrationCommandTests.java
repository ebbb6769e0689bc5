package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.test.PostgresTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
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
        MigrationCommands commands = new MigrationCommands(migrations, MigrateOptions.defaults());
        ShellMigrationCommand migrate = new ShellMigrationCommand("db:migrate", "migrate", List.of("dry-run", "all-or-nothing"),
                List.of("concurrency"), commands);
        ShellMigrationCommand rollback = new ShellMigrationCommand("db:rollback", "rollback", List.of("dry-run"), List.of("steps"), commands);
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

    private static ExitStatus execute(CommandRegistry registry, ShellMigrationCommand command, String input, StringWriter out)
            throws Exception {
        CommandContext context = new CommandContext(new DefaultCommandParser(registry).parse(input), registry,
                new PrintWriter(out), null);
        return command.execute(context);
    }
}
