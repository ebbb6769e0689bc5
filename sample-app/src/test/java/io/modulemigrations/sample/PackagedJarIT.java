package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.SampleJar.Run;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repackaged sample-app jar, launched as its own process against a real PostgreSQL: the
 * {@code db:*} commands and their exit codes, and a startup that fails on a broken migration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIT {

    static TestDatabase database;

    @TempDir
    static Path extra;

    @BeforeAll
    static void createDatabase() {
        database = PostgresServer.shared().createDatabase("sample_jar");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    @Order(1)
    void migrateAppliesEveryModule() throws Exception {
        Run run = launch("db:migrate");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Applied 4 migration(s) in batch 1").doesNotContain("Tomcat started");
        assertThat(history()).containsExactly("blog/Migration202507021059/1", "blog/Migration202507021100/1",
                "brand/Migration202507031000/1", "product/Migration202507030900/1");
    }

    @Test
    @Order(2)
    void rollbackOfAnUnknownModuleIsBadUsageAndChangesNothing() throws Exception {
        Run run = launch("db:rollback", "nosuch");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("Cannot rollback migrations for unknown module(s): nosuch. Available modules: blog, brand, product");
        assertThat(history()).hasSize(4);
    }

    @Test
    @Order(3)
    void rollbackRemovesExactlyBlogsLatestBatch() throws Exception {
        Path blog = Files.createDirectories(extra.resolve("more/blog"));
        Files.writeString(blog.resolve("Migration209901010000_Tags.sql"),
                "-- migrate:up\ncreate table tag (id text primary key);\n-- migrate:down\ndrop table tag;\n");
        String locations = "--module-migrations.locations=classpath:db/migrations,filesystem:" + extra.resolve("more");
        Run second = launch("db:migrate", locations);
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(history()).contains("blog/Migration209901010000_Tags/2");

        Run rollback = launch("db:rollback", "blog", locations);
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(rollback.output()).contains("Rolled back blog/Migration209901010000_Tags");
        assertThat(history()).containsExactly("blog/Migration202507021059/1", "blog/Migration202507021100/1",
                "brand/Migration202507031000/1", "product/Migration202507030900/1");
    }

    @Test
    @Order(4)
    void aMigrationThatFailsOnStartupStopsTheWebApplicationWithTheFailingMigrationNamed() throws Exception {
        Path product = Files.createDirectories(extra.resolve("broken/product"));
        Files.writeString(product.resolve("Migration209901010001_Broken.sql"),
                "-- migrate:up\nalter table no_such_table add column x int;\n-- migrate:down\n");
        Run run = launch("--server.port=0", "--module-migrations.locations=classpath:db/migrations,filesystem:" + extra.resolve("broken"));
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        // Migrations run while the context starts, before JPA and the web server: a failed one stops the app before it serves.
        assertThat(run.output()).contains("module product, migration Migration209901010001_Broken", "no_such_table",
                "APPLICATION FAILED TO START").doesNotContain("Tomcat started");
        assertThat(history()).hasSize(4);
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        return SampleJar.launch(extra, database.jdbcUrl(), database.user(), database.password(), args);
    }

    private static List<String> history() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery("select module, name, batch from module_migrations order by module, name")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3));
            }
        }
        return rows;
    }

}
