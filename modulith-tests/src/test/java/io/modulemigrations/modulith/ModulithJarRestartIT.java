package io.modulemigrations.modulith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture application packaged as a Spring Boot jar and started as its own process, as it runs in production:
 * the first deploy reads Spring Modulith's application modules (an ArchUnit import of the jar's classes) to order
 * the modules; once a restart has recorded that the jar and the history agree, a restart of the same jar reads
 * neither the modules nor any migration (it loads none of the classes that do).
 */
@PostgresTest
class ModulithJarRestartIT {

    private static final Path JAR = Path.of(System.getProperty("fixture.jar", "target/module-migrations-modulith-tests-0.1.0-SNAPSHOT-exec.jar"));
    /** The class that imports the application's classes for Spring Modulith. */
    private static final String ARCHUNIT_IMPORT = "com.tngtech.archunit.core.importer.ClassFileImporter ";
    /** Classes that discovering the migrations loads: listing them, reading a file, splitting its SQL. */
    private static final String[] DISCOVERY = { "io.modulemigrations.MigrationLoader ", "io.modulemigrations.sql.SqlResource ",
            "io.modulemigrations.sql.SqlStatements ", "io.modulemigrations.migration.SqlFileMigration " };

    @TempDir
    Path logs;

    @Test
    void aRestartOfTheSameJarReadsNoApplicationModules(PostgresServer server) throws Exception {
        deployAndRestart(JAR, server);
    }

    /** Spring Boot's extracted layout (the application's jar, its libraries in {@code lib/}), as container images run it. */
    @Test
    void aRestartOfTheSameExtractedJarReadsNoApplicationModules(PostgresServer server) throws Exception {
        Path extracted = logs.resolve("extracted");
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", JAR.toString(), "extract", "--destination",
                extracted.toString()).redirectErrorStream(true).redirectOutput(logs.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as(read(logs.resolve("extract.log"))).isZero();

        deployAndRestart(extracted.resolve(JAR.getFileName()), server);
    }

    /** Three starts of {@code jar} on a new database: the first deploy, the restart that records the check, and one more. */
    private void deployAndRestart(Path jar, PostgresServer server) throws IOException, InterruptedException {
        try (TestDatabase database = server.createDatabase("modulith_jar")) {
            deployAndRestart(jar, database);
        }
    }

    private void deployAndRestart(Path jar, TestDatabase database) throws IOException, InterruptedException {
        Start deploy = start(jar, database, 1);
        assertThat(deploy.output()).contains("Applied 2 migration(s) in 2 module(s) as batch 1");
        assertThat(deploy.classes()).as("the first deploy orders the modules by Spring Modulith's").contains(ARCHUNIT_IMPORT)
                .contains(DISCOVERY);

        start(jar, database, 2);

        Start restart = start(jar, database, 3);
        assertThat(restart.output()).contains("code and history as an earlier check found them");
        assertThat(restart.classes()).as("classes loaded by the restart").doesNotContain(ARCHUNIT_IMPORT).doesNotContain(DISCOVERY);
    }

    private record Start(String output, String classes) {
    }

    private Start start(Path jar, TestDatabase database, int number) throws IOException, InterruptedException {
        Path output = logs.resolve("start-" + number + ".log");
        Path classes = logs.resolve("classes-" + number + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xlog:class+load=info:file=" + classes, "-jar", jar.toString(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + (database.user() == null ? "" : database.user()),
                "--spring.datasource.password=" + (database.password() == null ? "" : database.password())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("start " + number + " of the fixture jar did not exit within 60 s:\n" + read(output));
        }
        assertThat(process.exitValue()).as("start %d's exit code; it printed:%n%s", number, read(output)).isZero();
        return new Start(read(output), read(classes));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
