package io.modulemigrations.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/** Chooses, starts and announces the per-JVM {@link PostgresServer}. */
final class ServerLauncher {

    private ServerLauncher() {
    }

    static PostgresServer launch() {
        return launch(System.getenv());
    }

    static PostgresServer launch(Map<String, String> environment) {
        String url = environment.get(PostgresServer.JDBC_URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            PostgresServer server = fromEnvironment(url.trim(), environment.get(PostgresServer.USER_VARIABLE),
                    environment.get(PostgresServer.PASSWORD_VARIABLE));
            announce(server, PostgresServer.JDBC_URL_VARIABLE + " is set");
            return server;
        }
        String why = PostgresServer.JDBC_URL_VARIABLE + " not set";
        Optional<String> dockerHint = dockerHint(environment);
        if (dockerHint.isEmpty()) {
            why += "; no Docker engine (no DOCKER_HOST, no Docker socket)";
        } else {
            long start = System.nanoTime();
            boolean available = probeDocker();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (available) {
                try {
                    PostgresServer server = TestcontainersServer.start();
                    announce(server, why + "; Docker answered (" + dockerHint.get() + ", probe " + millis + " ms)");
                    return server;
                } catch (RuntimeException | LinkageError e) {
                    why += "; Docker answered but the container failed to start (" + e + ")";
                }
            } else {
                why += "; Docker did not answer (" + dockerHint.get() + ", probe " + millis + " ms)";
            }
        }
        PostgresServer server = EmbeddedServer.start();
        announce(server, why);
        return server;
    }

    static PostgresServer fromEnvironment(String url, @Nullable String user, @Nullable String password) {
        Properties properties = Driver.parseURL(url, null);
        if (properties == null) {
            throw new IllegalStateException(PostgresServer.JDBC_URL_VARIABLE
                    + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + url);
        }
        String effectiveUser = user != null ? user : properties.getProperty("user");
        String effectivePassword = password != null ? password : properties.getProperty("password");
        return new PostgresServer("environment", database -> withDatabase(url, database),
                properties.getProperty("PGDBNAME", ""), effectiveUser, effectivePassword);
    }

    /**
     * Replaces the database of a {@code jdbc:postgresql:} URL, keeping hosts and parameters.
     *
     * @param encodedDatabase the URL-encoded database name
     */
    static String withDatabase(String url, String encodedDatabase) {
        String prefix = "jdbc:postgresql:";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
        }
        String rest = url.substring(prefix.length());
        int queryStart = rest.indexOf('?');
        String main = queryStart < 0 ? rest : rest.substring(0, queryStart);
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        if (main.startsWith("//")) {
            int slash = main.indexOf('/', 2);
            String authority = slash < 0 ? main : main.substring(0, slash);
            return prefix + authority + "/" + encodedDatabase + query;
        }
        return prefix + encodedDatabase + query;
    }

    /** A cheap sign that a Docker engine may exist, found without loading Testcontainers. */
    static Optional<String> dockerHint(Map<String, String> environment) {
        if (environment.get("DOCKER_HOST") != null) {
            return Optional.of("DOCKER_HOST is set");
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows")) {
            return Optional.of("Windows named pipe");
        }
        String home = System.getProperty("user.home", "");
        if (Files.exists(Paths.get(home, ".testcontainers.properties"))) {
            return Optional.of("~/.testcontainers.properties exists");
        }
        List<Path> sockets = new ArrayList<>(List.of(
                Paths.get("/var/run/docker.sock"),
                Paths.get(home, ".docker", "run", "docker.sock"),
                Paths.get(home, ".docker", "desktop", "docker.sock"),
                Paths.get(home, ".colima", "default", "docker.sock"),
                Paths.get(home, ".rd", "docker.sock"),
                Paths.get(home, ".orbstack", "run", "docker.sock")));
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Paths.get(runtimeDir, "docker.sock"));
            sockets.add(Paths.get(runtimeDir, "podman", "podman.sock"));
        }
        return sockets.stream().filter(Files::exists).findFirst().map(socket -> "found " + socket);
    }

    private static boolean probeDocker() {
        try {
            return TestcontainersServer.dockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void announce(PostgresServer server, String why) {
        System.err.println("[module-migrations-test] PostgreSQL " + serverVersion(server) + " from "
                + server.source() + " at " + server.jdbcUrl("").replaceFirst("\\?.*", "") + " - " + why);
    }

    private static String serverVersion(PostgresServer server) {
        try (Connection connection = TestDatabase.dataSource(
                        server.jdbcUrl(server.maintenanceDatabase()), server.user(), server.password())
                .getConnection();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("show server_version")) {
            resultSet.next();
            return resultSet.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + server, e);
        }
    }

    static void stopOnExit(String what, AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("[module-migrations-test] Could not stop " + what + ": " + e);
            }
        }, "module-migrations-test-shutdown"));
    }
}
