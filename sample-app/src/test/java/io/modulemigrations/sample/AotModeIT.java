package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.SampleJar.Run;
import io.modulemigrations.sample.SampleJar.Running;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The packaged jar in Spring AOT mode ({@code -Dspring.aot.enabled=true}, the code {@code process-aot}
 * generated at build time, as a native image runs it): on an empty database the web application
 * migrates every module before JPA starts, and the {@code db:*} commands work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AotModeIT {

    private static final List<String> AOT = List.of("-Dspring.aot.enabled=true");

    static TestDatabase database;

    @TempDir
    static Path dir;

    @BeforeAll
    static void createDatabase() {
        database = PostgresServer.shared().createDatabase("sample_aot");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    @Order(1)
    void theWebApplicationMigratesAnEmptyDatabaseAndServesItsEntities() throws Exception {
        int port = freePort();
        Running app = SampleJar.start(dir, AOT, "Started SampleApplication", database.jdbcUrl(), database.user(), database.password(),
                "--server.port=" + port);
        try {
            assertThat(app.output()).contains("Starting AOT-processed SampleApplication");
            assertThat(history()).containsExactly("blog/Migration202507021059/1", "blog/Migration202507021100/1",
                    "brand/Migration202507031000/1", "product/Migration202507030900/1");
            HttpResponse<String> posts = SampleApplicationTests.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/posts")).GET().build());
            assertThat(posts.statusCode()).as(posts.body()).isEqualTo(200);
            assertThat(posts.body()).isEqualTo("[{\"id\":\"hello\",\"title\":\"Hello, modules\",\"author\":\"Ada Lovelace\"}]");
        } finally {
            app.stop();
        }
    }

    @Test
    @Order(2)
    void rollbackOfBlogRunsAsACommand() throws Exception {
        Run run = SampleJar.launch(dir, AOT, database.jdbcUrl(), database.user(), database.password(), "db:rollback", "blog");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Rolled back blog/Migration202507021100", "Rolled back blog/Migration202507021059");
        assertThat(history()).containsExactly("brand/Migration202507031000/1", "product/Migration202507030900/1");
    }

    @Test
    @Order(3)
    void statusReportsWithoutMigrating() throws Exception {
        Run run = SampleJar.launch(dir, AOT, database.jdbcUrl(), database.user(), database.password(), "db:status");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("blog: 0 applied, 2 pending");
        assertThat(history()).containsExactly("brand/Migration202507031000/1", "product/Migration202507030900/1");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
