package io.modulemigrations.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.fixtures.FixtureApplication;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With Spring Security on the classpath, rolling back over HTTP needs an authenticated caller, even
 * when the application's own security rules let anonymous callers reach the actuator.
 */
@SpringBootTest(classes = { FixtureApplication.class, MigrationsEndpointSecurityTests.OpenActuator.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=migrations",
                "management.endpoint.migrations.access=unrestricted",
                "spring.security.user.name=operator", "spring.security.user.password=secret" })
@PostgresTestDatabase
class MigrationsEndpointSecurityTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ModuleMigrations migrations;

    @Test
    void anonymousCallerMayReadButNotRollBack() throws Exception {
        assertThat(send(request("/actuator/migrations").GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> response = send(rollback("blog"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("needs an authenticated caller; nothing was changed");
        assertThat(this.migrations.status().module("blog").pending()).isEmpty();
    }

    @Test
    void authenticatedCallerRollsBack() throws Exception {
        String credentials = Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(rollback("shop").header("Authorization", "Basic " + credentials));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"reverted\":[\"Migration202507021059\"]");
        assertThat(this.migrations.status().module("shop").pending()).containsExactly("Migration202507021059");
        this.migrations.migrate();
    }

    private HttpRequest.Builder rollback(String module) {
        return request("/actuator/migrations/" + module).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Security rules that let anyone reach every URL, with HTTP Basic for those who log in. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OpenActuator {

        @Bean
        SecurityFilterChain openChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
