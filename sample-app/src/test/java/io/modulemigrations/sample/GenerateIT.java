package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.SampleJar.Run;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db:generate} on the packaged sample app, whose JPA entities match its migrations: every module
 * says "no changes", no file is written, the application's database is left as it was and no shadow
 * database stays behind; an unknown module is bad usage.
 */
class GenerateIT {

    static TestDatabase database;

    @TempDir
    static Path dir;

    @BeforeAll
    static void migratedDatabase() throws Exception {
        database = PostgresServer.shared().createDatabase("sample_generate");
        Run migrate = run("db:migrate");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void entitiesThatMatchTheMigrationsGiveNoChangesAndTouchNothing() throws Exception {
        List<String> historyBefore = rows("select module || '/' || name || '|' || batch || '|' || checksum from module_migrations order by 1");
        List<String> tablesBefore = rows("select table_name from information_schema.tables where table_schema = 'public' order by 1");

        Run generate = run("db:generate", "blog", "product", "brand");

        assertThat(generate.exitCode()).as(generate.output()).isZero();
        assertThat(generate.output()).contains("blog: no changes", "product: no changes", "brand: no changes");
        try (Stream<Path> written = Files.list(output())) {
            assertThat(written).as("files written by db:generate").isEmpty();
        }
        assertThat(rows("select module || '/' || name || '|' || batch || '|' || checksum from module_migrations order by 1"))
                .isEqualTo(historyBefore);
        assertThat(rows("select table_name from information_schema.tables where table_schema = 'public' order by 1"))
                .isEqualTo(tablesBefore);
        assertThat(rows("select datname from pg_database where datname like 'mm\\_shadow\\_%'")).as("shadow databases left").isEmpty();
    }

    @Test
    void anUnknownModuleIsBadUsage() throws Exception {
        Run generate = run("db:generate", "nosuch");

        assertThat(generate.exitCode()).as(generate.output()).isEqualTo(2);
        assertThat(generate.output())
                .contains("Cannot generate migrations for unknown module(s): nosuch. Available modules: blog, brand, product");
    }

    private static Run run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--module-migrations.generate.output-dir=" + output());
        return SampleJar.launch(dir, database.jdbcUrl(), database.user(), database.password(), all.toArray(String[]::new));
    }

    private static Path output() throws Exception {
        return Files.createDirectories(dir.resolve("generated"));
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
