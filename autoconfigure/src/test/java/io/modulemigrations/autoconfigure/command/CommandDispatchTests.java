package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.autoconfigure.generate.ModuleEntities;
import io.modulemigrations.autoconfigure.generate.ShadowDatabase;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** Each declared command name runs that command's own implementation, not another's. */
@PostgresTest
class CommandDispatchTests {

    @TempDir
    Path dir;

    /** What to type, and what only that command prints at that point of the run below. */
    private record Case(List<String> args, String onlyThisCommandPrints) {
    }

    @Test
    void everyDeclaredCommandReachesItsOwnBehaviour(TestDatabase database) throws Exception {
        Path seed = Files.writeString(this.dir.resolve("seed.json"), "{\"author\": [{\"id\": \"ada\"}]}");
        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(database.dataSource()).locations()
                .sqlMigration("blog", "Migration202507021059",
                        "-- migrate:up\ncreate table author (id text primary key);\n-- migrate:down\ndrop table author;\n")
                .load();
        MigrationGenerator generator = new MigrationGenerator(migrations, ModuleEntities.of(List.of(), null, Map.of()), List.of(), null,
                () -> ShadowDatabase.open(database.jdbcUrl(), database.user(), database.password(), null), null, "module_migrations");
        MigrationCommands commands = new MigrationCommands(migrations, MigrateOptions.defaults(),
                new DatabaseSetup(database.dataSource(), new DefaultResourceLoader(), seed.toUri().toString()), () -> generator,
                this.dir.resolve("generated"));
        String created = database.name() + "_dispatch";

        // Run in this order on a fresh database: each step's output is that command's alone.
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("db:status", new Case(List.of("db:status"), "blog: 0 applied, 1 pending"));
        cases.put("db:migrate", new Case(List.of("db:migrate", "--dry-run"), "create table author"));
        cases.put("db:rollback", new Case(List.of("db:rollback", "blog"), "Nothing to roll back for blog: nothing is applied."));
        cases.put("db:migrate:scripts", new Case(List.of("db:migrate:scripts"), "No migration scripts are declared"));
        cases.put("db:sync-links", new Case(List.of("db:sync-links"), "Links are in step with their declarations; nothing to do."));
        cases.put("db:create", new Case(List.of("db:create", "--db", created), "Created database " + created + "."));
        cases.put("db:setup", new Case(List.of("db:setup"), "Applied blog/Migration202507021059"));
        cases.put("db:seed", new Case(List.of("db:seed"), "Seeded author: 1 row(s) inserted, 0 already there"));
        cases.put("db:generate", new Case(List.of("db:generate", "blog", "--empty", "--dry-run"), "(empty, to write by hand)"));
        cases.put("db:verify", new Case(List.of("db:verify"), "blog/Migration202507021059  restores"));
        assertThat(cases.keySet()).as("one case per declared command").containsExactlyElementsOf(MigrationCommands.COMMANDS.keySet());

        Map<String, String> outputs = new LinkedHashMap<>();
        try {
            cases.forEach((name, c) -> {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                assertThat(commands.run(c.args(), new PrintWriter(out), new PrintWriter(err))).as(name + ": " + err).isZero();
                assertThat(out.toString()).as(name).contains(c.onlyThisCommandPrints());
                outputs.put(name, out.toString());
            });
        } finally {
            try (Connection c = database.connect(); Statement st = c.createStatement()) {
                st.execute("drop database if exists \"" + created + "\" with (force)");
            }
        }
        cases.forEach((name, c) -> outputs.forEach((other, output) -> {
            if (!other.equals(name)) {
                assertThat(output).as(other + " printed what only " + name + " prints").doesNotContain(c.onlyThisCommandPrints());
            }
        }));
    }
}
