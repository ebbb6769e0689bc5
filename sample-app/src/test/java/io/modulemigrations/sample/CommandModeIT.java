package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.SampleJar.Run;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
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
 * The packaged JPA app ({@code ddl-auto=validate}) whose schema is behind its entities (an empty
 * database, then blog rolled back) runs db:status, db:migrate and db:rollback as processes: each
 * exits 0 without booting the application, so Hibernate never validates the old schema, no web
 * server opens its port and the application's CommandLineRunner does not run.
 * <p>
 * The test holds the server port itself while each command runs: a web server would fail to bind
 * it and the process would exit non-zero ({@link #theWebApplicationWouldHaveFailedOnTheHeldPort}
 * shows that). The runner writes a marker file when it runs
 * ({@link #theRunnerWritesItsMarkerWhenTheApplicationRuns} shows that).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandModeIT {

    static TestDatabase database;

    @TempDir
    static Path dir;

    static ServerSocket heldPort;

    @BeforeAll
    static void createDatabaseAndHoldAPort() throws IOException {
        database = PostgresServer.shared().createDatabase("sample_command_mode");
        heldPort = new ServerSocket(0);
    }

    @AfterAll
    static void release() throws IOException {
        heldPort.close();
        database.close();
    }

    @Test
    @Order(1)
    void statusOnAnEmptyDatabaseListsEverythingPendingAndChangesNothing() throws Exception {
        Run run = command("db:status");
        assertThat(run.output()).contains("blog: 0 applied, 2 pending", "product: 0 applied, 1 pending", "brand: 0 applied, 1 pending");
        assertThat(tables()).doesNotContain("author", "post", "product", "brand");
    }

    @Test
    @Order(2)
    void migrateOnAnEmptyDatabase() throws Exception {
        Run run = command("db:migrate");
        assertThat(run.output()).contains("Applied 4 migration(s) in batch 1");
        assertThat(tables()).contains("author", "post", "product", "brand", "product_product_brand_brand");
    }

    @Test
    @Order(3)
    void rollbackLeavesTheSchemaBehindTheEntities() throws Exception {
        Run run = command("db:rollback", "blog");
        assertThat(run.output()).contains("Rolled back blog/Migration202507021100", "Rolled back blog/Migration202507021059");
        assertThat(tables()).doesNotContain("author", "post").contains("product", "brand");
    }

    @Test
    @Order(4)
    void statusWithBlogRolledBack() throws Exception {
        Run run = command("db:status");
        assertThat(run.output()).contains("blog: 0 applied, 2 pending", "product: 1 applied, 0 pending");
    }

    @Test
    @Order(5)
    void migrateBringsTheSchemaUpToTheEntities() throws Exception {
        Run run = command("db:migrate");
        assertThat(run.output()).contains("Applied 2 migration(s) in batch 2");
        assertThat(tables()).contains("author", "post");
    }

    @Test
    @Order(6)
    void theWebApplicationWouldHaveFailedOnTheHeldPort() throws Exception {
        Run run = launch();
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Port " + heldPort.getLocalPort() + " was already in use");
    }

    @Test
    @Order(7)
    void theRunnerWritesItsMarkerWhenTheApplicationRuns() throws Exception {
        Run run = launch("--spring.main.web-application-type=none");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Sample runner ran: the blog has 1 post(s)", "Initialized JPA EntityManagerFactory");
        assertThat(marker()).exists();
    }

    // A db:* command: exit 0, no web server, no runner, no JPA EntityManagerFactory (the application itself builds one, see above).
    private static Run command(String... args) throws Exception {
        Run run = launch(args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("Tomcat started", "Sample runner ran", "JPA EntityManagerFactory");
        assertThat(marker()).as("the CommandLineRunner's marker file").doesNotExist();
        return run;
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=" + heldPort.getLocalPort());
        all.add("--sample.runner-marker=" + marker());
        return SampleJar.launch(dir, database.jdbcUrl(), database.user(), database.password(), all.toArray(String[]::new));
    }

    private static Path marker() {
        return dir.resolve("runner-ran");
    }

    private static List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
