package io.modulemigrations.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Starts embedded PostgreSQL (zonky binaries), configured for throw-away test data. */
final class EmbeddedServer {

    private EmbeddedServer() {
    }

    static PostgresServer start() {
        File log = null;
        EmbeddedPostgres postgres;
        try {
            // initdb and server output go to a file rather than through the test's logging.
            log = Files.createTempFile("module-migrations-test-postgres-", ".log").toFile();
            log.deleteOnExit();
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log);
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL"
                    + (log == null ? "" : "; its output is in " + log), e);
        }
        ServerLauncher.stopOnExit("embedded PostgreSQL", postgres);
        String base = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
        // Local connections are trusted, so the password is never checked.
        return new PostgresServer("embedded", database -> base + database, "postgres", "postgres", "postgres");
    }
}
