package io.modulemigrations.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** All Testcontainers calls, kept apart so Testcontainers only loads when it is tried. */
final class TestcontainersServer {

    static final String IMAGE = "postgres:18";

    private TestcontainersServer() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static PostgresServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=200");
        container.start();
        ServerLauncher.stopOnExit("the PostgreSQL container", container::stop);
        String base = "jdbc:postgresql://" + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/";
        return new PostgresServer("testcontainers", database -> base + database,
                container.getDatabaseName(), container.getUsername(), container.getPassword());
    }
}
