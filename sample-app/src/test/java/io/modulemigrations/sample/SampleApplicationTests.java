package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.ModuleStatus;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** The sample app started against a real PostgreSQL: migrations ran on startup, behind readiness. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PostgresTestDatabase
class SampleApplicationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ModuleMigrations migrations;

    @Autowired
    ReadinessEvents readiness;

    @Test
    void everyModuleIsAppliedAfterStartupThenTheLinkSyncedAndTheScriptRun() {
        assertThat(this.migrations.status().modules()).extracting(ModuleStatus::module).containsExactly("blog", "brand", "product");
        assertThat(this.migrations.status().upToDate()).isTrue();
        assertThat(this.migrations.status().module("blog").applied()).hasSize(2);
    }

    @Test
    void readinessAcceptedTrafficOnlyOnceEverythingWasMigrated() {
        // JPA app: migrations run while the context starts, so the first readiness change is already the last.
        assertThat(this.readiness.states).containsExactly("ACCEPTING_TRAFFIC, up to date: true");
    }

    @Test
    void actuatorListsEveryModule() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"blog\"", "\"product\"", "\"brand\"", "Migration202507021100", "\"batch\":1",
                "\"checksum\"", "\"lockHolder\":null",
                "\"links\":{\"declared\":[{\"table\":\"product_product_brand_brand\"", "\"pending\":[]",
                "\"scripts\":[{\"name\":\"20250704-brand-unbranded-products\",\"state\":\"done\"");
    }

    @Test
    void healthIsUpWithDetailsPerModule() throws Exception {
        HttpResponse<String> response = get("/actuator/health/migrations");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"", "\"blog\"", "\"brand\"", "\"product\"");
    }

    @Test
    void restEndpointReadsTheModulesTables() throws Exception {
        assertThat(get("/api/posts").body()).contains("Hello, modules", "Ada Lovelace");
        assertThat(get("/api/catalog").body()).contains("Mug", "Acme", "\"brands\":\"acme\"");
    }

    @Test
    void rollbackOverHttpIsRefusedWithDefaultAccess() throws Exception {
        HttpResponse<String> response = post("/actuator/migrations/blog", "{}");
        // Read-only access maps no POST at all: what the README says a user gets.
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(this.migrations.status().module("blog").applied()).hasSize(2);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every readiness state the application went through, in order, and whether migrations were up to date then. */
    @TestConfiguration
    static class ReadinessEvents {

        final List<String> states = new CopyOnWriteArrayList<>();

        private final ModuleMigrations migrations;

        ReadinessEvents(ModuleMigrations migrations) {
            this.migrations = migrations;
        }

        @EventListener
        void on(AvailabilityChangeEvent<ReadinessState> event) {
            this.states.add(event.getState() + ", up to date: " + this.migrations.status().upToDate());
        }
    }
}
