package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.command.DatabaseSetup;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;

/** A database named in the URL that does not exist: the next step is db:create / db:setup, at startup and as a command. */
@PostgresTest
class MissingDatabaseTests {

    private static final String MISSING = "no_such_petclinic";

    @Test
    void atStartupTheFailureAnalysisSuggestsCreatingTheDatabase(PostgresServer server) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ModuleMigrationsAutoConfiguration.class))
                .withUserConfiguration(FixturePackages.class)
                .withPropertyValues("spring.datasource.url=" + server.jdbcUrl(MISSING), "spring.datasource.username=" + server.user(),
                        "spring.datasource.password=" + server.password(), "module-migrations.run-on=initialization")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new MigrationFailureAnalyzer(null).analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("the database does not exist",
                            "FATAL: database \"" + MISSING + "\" does not exist", "Nothing was changed");
                    assertThat(analysis.getAction()).contains("'db:create'", "java -jar app.jar db:create", "'db:setup'");
                });
    }

    @Test
    void asACommandTheMessageSuggestsCreatingTheDatabase(PostgresServer server) {
        PGSimpleDataSource missing = new PGSimpleDataSource();
        missing.setUrl(server.jdbcUrl(MISSING));
        missing.setUser(server.user());
        missing.setPassword(server.password());
        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(missing).locations()
                .sqlMigration("owners", "Migration202501010001", "-- migrate:up\ncreate table owners (id int);\n-- migrate:down\ndrop table owners;\n")
                .load();
        MigrationCommands commands = new MigrationCommands(migrations, MigrateOptions.defaults(),
                new DatabaseSetup(missing, new DefaultResourceLoader(), "classpath:db/seed.json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = commands.run(List.of("db:migrate"), new PrintWriter(out), new PrintWriter(err));

        assertThat(code).isEqualTo(MigrationCommands.FAILURE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("FATAL: database \"" + MISSING + "\" does not exist", "Nothing was changed.",
                "Next: create it with db:create", "db:setup");
    }
}
