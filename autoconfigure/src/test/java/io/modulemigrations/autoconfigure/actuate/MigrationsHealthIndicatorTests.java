package io.modulemigrations.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.autoconfigure.FixturePackages;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code migrations} health contributor against a real PostgreSQL, one fresh database per test. */
class MigrationsHealthIndicatorTests {

    private TestDatabase database;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestInfo test) {
        this.database = PostgresServer.shared().createDatabase("health_" + test.getTestMethod().orElseThrow().getName());
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class,
                        MigrationsHealthContributorAutoConfiguration.class))
                .withUserConfiguration(FixturePackages.class)
                .withBean(DataSource.class, this.database::dataSource)
                // A context runner publishes no ApplicationReadyEvent: nothing migrates unless a test says so.
                .withPropertyValues("module-migrations.run-on=ready");
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void pendingMigrationsTakeTheInstanceOutOfServiceOnlyWhenItMigratesOnStartup() {
        this.runner.run(context -> assertThat(health(context).getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
        this.runner.withPropertyValues("module-migrations.run-on-startup=false").run(context -> {
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("blog")).isEqualTo(
                    Map.of("applied", 0, "pending", List.of("Migration202507021059", "Migration202507021100")));
            assertThat(health.getDetails().get("shop")).isEqualTo(Map.of("applied", 0, "pending", List.of("Migration202507021059")));
        });
    }

    @Test
    void anEditedMigrationIsDownOnlyWhenChecksumsAreValidated() throws SQLException {
        this.runner.run(context -> context.getBean(ModuleMigrations.class).migrate());
        execute("update module_migrations set checksum = 'edited' where module = 'blog' and name = 'Migration202507021100'");

        this.runner.run(context -> {
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("blog")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("changed", List.of("Migration202507021100"));
        });
        this.runner.withPropertyValues("module-migrations.validate-checksums=false").run(context -> {
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("blog")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("changed", List.of("Migration202507021100"));
        });
    }

    @Test
    void aFailedScriptIsListedWithItsError() {
        this.runner.withUserConfiguration(FailingScript.class).run(context -> {
            assertThat(health(context).getDetails()).doesNotContainKey("failedScripts");
            // As a separate migration job (or db:migrate:scripts) would see it: the run reports the failure.
            assertThatThrownBy(() -> context.getBean(ModuleMigrations.class).migrate())
                    .hasMessageContaining("Migration script grant-reporting-role failed");

            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("failedScripts")).isEqualTo(
                    List.of(Map.of("name", "grant-reporting-role", "error", "IllegalStateException: role reporting does not exist")));
        });
    }

    private static Health health(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return context.getBean(MigrationsHealthIndicator.class).health(true);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingScript {

        @Bean
        MigrationScript grantReportingRole() {
            return new MigrationScript() {
                @Override
                public String name() {
                    return "grant-reporting-role";
                }

                @Override
                public void run(ScriptContext context) {
                    throw new IllegalStateException("role reporting does not exist");
                }
            };
        }
    }
}
