package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code management.endpoint.migrations.access=unrestricted}, blog can be rolled back over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.migrations.access=unrestricted")
@PostgresTestDatabase
class RollbackOverHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    ModuleMigrations migrations;

    @Test
    void dryRunSaysWhatWouldBeRevertedAndChangesNothing() throws Exception {
        HttpResponse<String> response = post("/actuator/migrations/blog", "{\"dryRun\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"dryRun\":true", "\"reverted\":[\"Migration202507021100\"",
                "drop table post");
        assertThat(this.migrations.status().module("blog").applied()).hasSize(2);
    }

    @Test
    void unknownModuleIsNotFoundWithTheAvailableModules() throws Exception {
        HttpResponse<String> response = post("/actuator/migrations/nosuch", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Cannot rollback migrations for unknown module(s): nosuch. Available modules: blog, brand, product",
                "\"availableModules\":[\"blog\",\"brand\",\"product\"]");
    }

    @Test
    void rollsBackBlogsLatestBatchOnly() throws Exception {
        HttpResponse<String> response = post("/actuator/migrations/blog", "{\"steps\":1}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"reverted\":[\"Migration202507021100\"]");
        assertThat(this.migrations.status().module("blog").pending()).containsExactly("Migration202507021100");
        assertThat(this.migrations.status().module("product").pending()).isEmpty();
        this.migrations.migrate();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return SampleApplicationTests.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
