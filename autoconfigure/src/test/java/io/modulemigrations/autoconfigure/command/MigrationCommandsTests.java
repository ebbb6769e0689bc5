package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.test.PostgresTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** The db:* command layer against a real PostgreSQL: what it prints and the exit codes 0 / 1 / 2. */
@PostgresTest
class MigrationCommandsTests {

    private ModuleMigrations migrations;
    private MigrationCommands commands;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp(DataSource dataSource) {
        this.migrations = ModuleMigrations.configure().dataSource(dataSource).locations()
                .sqlMigration("blog", "Migration202507021059", "-- migrate:up\ncreate table author (id text);\n-- migrate:down\ndrop table author;\n")
                .sqlMigration("blog", "Migration202507021100", "-- migrate:up\ncreate table post (id text);\n-- migrate:down\ndrop table post;\n")
                .sqlMigration("product", "Migration202507030900", "-- migrate:up\ncreate table product (id text);\n-- migrate:down\ndrop table product;\n")
                .load();
        this.commands = commands(this.migrations, dataSource);
        this.migrations.rollback(List.of("blog", "product"), io.modulemigrations.RollbackOptions.latestBatch().withSteps(10));
    }

    /** The commands over {@code migrations}, with no declared links or scripts and the default seed location. */
    static MigrationCommands commands(ModuleMigrations migrations, DataSource dataSource) {
        return new MigrationCommands(migrations, MigrateOptions.defaults(),
                new DatabaseSetup(dataSource, new DefaultResourceLoader(), "classpath:db/seed.json"));
    }

    private int run(String... args) {
        this.out.getBuffer().setLength(0);
        this.err.getBuffer().setLength(0);
        return this.commands.run(List.of(args), new PrintWriter(this.out), new PrintWriter(this.err));
    }

    @Test
    void migrateThenStatusThenRollback() {
        assertThat(run("db:migrate", "--dry-run")).isZero();
        assertThat(this.out.toString()).contains("create table author", "Dry run: nothing was changed.");
        assertThat(this.migrations.status().upToDate()).isFalse();

        assertThat(run("db:migrate", "--concurrency", "2", "--spring.datasource.url=ignored")).isZero();
        assertThat(this.out.toString()).contains("Applied blog/Migration202507021059", "Applied 3 migration(s) in batch");
        assertThat(run("db:migrate")).isZero();
        assertThat(this.out.toString()).contains("Nothing to migrate");

        assertThat(run("db:status", "blog")).isZero();
        assertThat(this.out.toString()).contains("blog: 2 applied, 0 pending", "applied  Migration202507021100").doesNotContain("product");
        assertThat(run("db:status", "--json")).isZero();
        assertThat(this.out.toString()).startsWith("{\"modules\":{\"blog\":{\"applied\":[{\"name\":\"Migration202507021059\"")
                .contains("\"product\":{", "\"lockHolder\":null");

        assertThat(run("db:rollback", "blog", "--steps=1", "--dry-run")).isZero();
        assertThat(this.out.toString()).contains("drop table post", "Dry run");
        assertThat(run("db:rollback", "blog", "--steps", "1")).isZero();
        assertThat(this.out.toString()).contains("Rolled back blog/Migration202507021100").doesNotContain("Migration202507021059");
        assertThat(this.migrations.status().module("blog").pending()).containsExactly("Migration202507021100");
    }

    @Test
    void unknownModuleIsBadUsageWithTheEnginesMessage() {
        assertThat(run("db:rollback", "foo")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("Cannot rollback migrations for unknown module(s): foo. Available modules: blog, product");
        assertThat(run("db:status", "foo")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("unknown module(s): foo. Available modules: blog, product");
    }

    @Test
    void badOptionsAreBadUsageWithTheUsageLine() {
        assertThat(run("db:migrate", "--concurrency", "0")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("--concurrency needs a whole number of at least 1", "Usage: db:migrate");
        assertThat(run("db:rollback", "blog", "--force")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("Unknown option --force for db:rollback", "Usage: db:rollback <modules...>");
        assertThat(run("db:rollback")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("needs at least one module. Available modules: blog, product");
        assertThat(run("db:frobnicate")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("Unknown command 'db:frobnicate'");
    }

    @Test
    void aFailingMigrationIsAFailure(DataSource dataSource) {
        ModuleMigrations failing = ModuleMigrations.configure().dataSource(dataSource).locations()
                .javaMigration("broken", "Migration202507040000", new Migration() {
                    @Override
                    public void up(MigrationContext m) {
                        m.sql("alter table no_such_table add column x int");
                    }
                }).load();
        StringWriter failure = new StringWriter();
        int code = commands(failing, dataSource).run(List.of("db:migrate"), new PrintWriter(this.out),
                new PrintWriter(failure));
        assertThat(code).isEqualTo(MigrationCommands.FAILURE);
        assertThat(failure.toString()).contains("module broken, migration Migration202507040000", "no_such_table");
    }

    @Test
    void recognisesCommandsAfterSpringBootOptions() {
        assertThat(MigrationCommands.isCommand("--debug", "db:migrate")).isTrue();
        assertThat(MigrationCommands.isCommand("--server.port=0")).isFalse();
        assertThat(MigrationCommands.isCommand("serve")).isFalse();
    }
}
