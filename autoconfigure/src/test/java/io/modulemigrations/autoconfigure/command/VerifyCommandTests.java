package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.autoconfigure.generate.ModuleEntities;
import io.modulemigrations.autoconfigure.generate.ShadowDatabase;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** db:verify end to end on a real PostgreSQL: what it prints, its exit code, and that it leaves no shadow database. */
@PostgresTest
class VerifyCommandTests {

    static final String POSTS = "-- migrate:up\ncreate table post (id bigint primary key, title text);\n"
            + "create index post_title_idx on post (title);\n-- migrate:down\ndrop table post;\n";

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(TestDatabase app, Consumer<FluentConfiguration> migrations, String... args) {
        FluentConfiguration configuration = ModuleMigrations.configure().dataSource(app.dataSource()).locations();
        migrations.accept(configuration);
        ModuleMigrations engine = configuration.load();
        MigrationGenerator generator = new MigrationGenerator(engine, ModuleEntities.of(List.of(), null, Map.of()), List.of(), null,
                () -> ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), null), null, "module_migrations");
        MigrationCommands commands = new MigrationCommands(engine, MigrateOptions.defaults(),
                new DatabaseSetup(app.dataSource(), new DefaultResourceLoader(), "classpath:db/seed.json"), () -> generator, Path.of("."));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return commands.run(List.of(args), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void downsThatRestorePassAndTheApplicationsDatabaseIsNotTouched(TestDatabase app) throws SQLException {
        int exit = run(app, c -> c.sqlMigration("blog", "Migration202501010001", POSTS)
                .sqlMigration("blog", "Migration202501010002", "-- migrate:up\nalter table post add column body text;\n"
                        + "-- migrate:down\nalter table post drop column body;\n"), "db:verify");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("blog/Migration202501010001  restores\n", "blog/Migration202501010002  restores\n",
                "2 migration(s) checked: 2 restores. Passed.", "Column order is not compared");
        assertThat(rows(app, "select count(*) from pg_tables where schemaname = 'public'")).containsExactly("0");
        assertThat(shadowDatabases(app)).isEmpty();
    }

    @Test
    void aDownThatForgetsAnIndexDiffersAFailingDownSaysWhyAndIrreversibleFailsOnlyWhenStrict(TestDatabase app) throws SQLException {
        Consumer<FluentConfiguration> migrations = c -> c.sqlMigration("blog", "Migration202501010001", POSTS)
                .sqlMigration("blog", "Migration202501010002", "-- migrate:up\ndrop index post_title_idx;\n-- migrate:down\nselect 1;\n")
                .sqlMigration("shop", "Migration202501010001", "-- migrate:up\ncreate table item (id int);\n-- migrate:down\ndrop table itemz;\n")
                .sqlMigration("audit", "Migration202501010001", "-- migrate:up\ncreate table audit_log (id int);\n");

        assertThat(run(app, migrations, "db:verify", "blog")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(out.toString()).contains("blog/Migration202501010002  differs", "    - table post index post_title_idx using btree (title)")
                .doesNotContain("shop/", "audit/");

        assertThat(run(app, migrations, "db:verify", "shop")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(out.toString()).contains("shop/Migration202501010001  down fails: ERROR: table \"itemz\" does not exist (statement 1: drop table itemz;)");

        assertThat(run(app, migrations, "db:verify", "audit")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("audit/Migration202501010001  irreversible: no down (not an error without --strict)");
        assertThat(run(app, migrations, "db:verify", "audit", "--strict")).isEqualTo(MigrationCommands.FAILURE);

        assertThat(run(app, migrations, "db:verify", "--json")).isEqualTo(MigrationCommands.FAILURE);
        String json = out.toString();
        assertThat(json.strip()).startsWith("{\"passed\":false").endsWith("}").doesNotContain("\n");
        assertThat(json).contains("\"module\":\"shop\",\"name\":\"Migration202501010001\",\"outcome\":\"down fails\"",
                "\"outcome\":\"differs\"", "\"missing\":[\"table post index post_title_idx using btree (title)\"]");

        assertThat(run(app, migrations, "db:verify", "nope")).isEqualTo(MigrationCommands.USAGE);
        assertThat(err.toString()).contains("Cannot verify migrations for unknown module(s): nope");
        assertThat(shadowDatabases(app)).isEmpty();
    }

    @TempDir
    Path corpusCopy;

    @Test
    void medusaIndexModulesFailingDownAndAuthsNonRestoringDownsAreReportedAndNoShadowIsLeft(TestDatabase app) throws Exception {
        Path corpus = medusaWithoutRedis();
        int exit = run(app, c -> c.locations("filesystem:" + corpus), "db:verify", "index", "auth", "--json");

        assertThat(exit).as(err.toString()).isEqualTo(MigrationCommands.FAILURE);
        String json = out.toString();
        assertThat(json).contains("\"module\":\"index\",\"name\":\"Migration20250127105159\",\"outcome\":\"down fails\"",
                "column \\\"id\\\" is in a primary key",
                "\"module\":\"auth\",\"name\":\"Migration20240529080336\",\"outcome\":\"differs\"",
                "\"module\":\"auth\",\"name\":\"Migration20260616075929\",\"outcome\":\"differs\"");
        assertThat(json.split("\"outcome\":\"differs\"", -1)).hasSize(3);
        assertThat(json.split("\"outcome\":\"down fails\"", -1)).hasSize(2);
        assertThat(shadowDatabases(app)).isEmpty();
    }

    private Path medusaWithoutRedis() throws IOException {
        Path corpus = Path.of(System.getProperty("medusa.corpus", "/work/shared/corpus/medusa"));
        if (!Files.isDirectory(corpus)) {
            corpus = Path.of("../../shared/corpus/medusa");
        }
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".sql"))::iterator) {
                String module = file.getParent().getFileName().toString();
                if (!module.equals("workflow_engine_redis")) {
                    Path target = corpusCopy.resolve(module).resolve(file.getFileName().toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return corpusCopy;
    }

    static List<String> shadowDatabases(TestDatabase app) throws SQLException {
        return rows(app, "select datname from pg_database where datname like 'mm\\_shadow\\_%'");
    }

    static List<String> rows(TestDatabase app, String sql) throws SQLException {
        try (Connection c = app.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
