package io.modulemigrations.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL 18 server of a run (zonky binaries), with the same settings for
 * every contender; each measurement gets a fresh database on it.
 */
final class BenchServer implements AutoCloseable {

    /** Throw-away data: no durability work, so that what is measured is the tools, not the disk. */
    static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("fsync", "off");
        SETTINGS.put("synchronous_commit", "off");
        SETTINGS.put("full_page_writes", "off");
        SETTINGS.put("max_connections", "100");
    }

    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final AtomicInteger counter = new AtomicInteger();

    private BenchServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static BenchServer start() throws IOException {
        File log = Files.createTempFile("module-migrations-bench-postgres-", ".log").toFile();
        log.deleteOnExit();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log));
        SETTINGS.forEach(builder::setServerConfig);
        return new BenchServer(builder.start());
    }

    /** A new, empty database. */
    String createDatabase() throws SQLException {
        String name = "bench_" + counter.incrementAndGet();
        execute("create database " + name);
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        execute("drop database if exists " + name + " with (force)");
    }

    String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    String user() {
        return USER;
    }

    /** {@code PostgreSQL 18.x} and the settings that differ from the defaults. */
    String describe() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            return "embedded PostgreSQL " + rs.getString(1) + " (zonky binaries), " + SETTINGS.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
