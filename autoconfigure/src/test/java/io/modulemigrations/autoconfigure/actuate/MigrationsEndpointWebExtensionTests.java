package io.modulemigrations.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's HTTP answers when the database cannot be reached: 503, so a caller knows to try again later. */
class MigrationsEndpointWebExtensionTests {

    @Test
    void anUnreachableDatabaseIsServiceUnavailableNotConflict() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/app");
        down.setUser("app");
        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(down).connectTimeout(Duration.ofSeconds(5))
                .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n")
                .load();
        MigrationsEndpointWebExtension web = new MigrationsEndpointWebExtension(new MigrationsEndpoint(migrations), false);

        for (WebEndpointResponse<Object> response : new WebEndpointResponse[] {
                web.rollback(SecurityContext.NONE, "blog", null, null, null),
                web.rollback(SecurityContext.NONE, "blog", null, true, null),
                web.module("blog"),
                web.migrations() }) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(((Map<?, ?>) response.getBody()).get("message")).asString()
                    .startsWith("Could not connect to the database").contains("Nothing was changed", "check the URL");
        }
    }
}
