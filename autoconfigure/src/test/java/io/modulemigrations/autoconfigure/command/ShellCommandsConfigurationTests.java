package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ExitStatus;

/** Spring Shell gets one bean per db:* command, under names an application can override one by one. */
@PostgresTest
class ShellCommandsConfigurationTests {

    private static final Map<String, String> COMMAND_BY_BEAN_NAME = Map.ofEntries(
            Map.entry("dbStatusCommand", "db:status"),
            Map.entry("dbMigrateCommand", "db:migrate"),
            Map.entry("dbRollbackCommand", "db:rollback"),
            Map.entry("dbMigrateScriptsCommand", "db:migrate:scripts"),
            Map.entry("dbSyncLinksCommand", "db:sync-links"),
            Map.entry("dbCreateCommand", "db:create"),
            Map.entry("dbSetupCommand", "db:setup"),
            Map.entry("dbSeedCommand", "db:seed"),
            Map.entry("dbGenerateCommand", "db:generate"),
            Map.entry("dbVerifyCommand", "db:verify"));

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class))
                .withBean(DataSource.class, database::dataSource)
                .withPropertyValues("module-migrations.run-on-startup=false");
    }

    @Test
    void everyCommandIsAShellCommandNamedAfterIt() {
        this.runner.run(context -> {
            Map<String, String> commandByBeanName = new TreeMap<>();
            context.getBeansOfType(Command.class).forEach((beanName, command) -> commandByBeanName.put(beanName, command.getName()));
            assertThat(commandByBeanName).isEqualTo(new TreeMap<>(COMMAND_BY_BEAN_NAME));
            assertThat(COMMAND_BY_BEAN_NAME.values()).containsExactlyInAnyOrderElementsOf(MigrationCommands.COMMANDS.keySet());
            ShellMigrationCommand rollback = context.getBean("dbRollbackCommand", ShellMigrationCommand.class);
            assertThat(rollback.getHelp()).startsWith("Usage: db:rollback <modules...> [--steps N] [--dry-run] [--with-dependents]");
            assertThat(rollback.getOptions()).extracting(o -> o.longName()).containsExactly("dry-run", "with-dependents", "steps");
        });
    }

    @Test
    void anApplicationBeanOfACommandsNameReplacesThatCommandOnly() {
        this.runner.withUserConfiguration(OwnSeedCommand.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("dbSeedCommand")).isSameAs(context.getBean(OwnSeedCommand.class).command);
            assertThat(context.getBeansOfType(ShellMigrationCommand.class)).hasSize(COMMAND_BY_BEAN_NAME.size() - 1)
                    .doesNotContainKey("dbSeedCommand")
                    .allSatisfy((beanName, command) -> assertThat(command.getName()).isEqualTo(COMMAND_BY_BEAN_NAME.get(beanName)));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSeedCommand {

        final Command command = new Command() {

            @Override
            public String getName() {
                return "db:seed";
            }

            @Override
            public ExitStatus execute(CommandContext context) {
                context.outputWriter().println("Seeding is done by the team's own script.");
                return ExitStatus.OK;
            }
        };

        @Bean
        Command dbSeedCommand() {
            return this.command;
        }
    }
}
