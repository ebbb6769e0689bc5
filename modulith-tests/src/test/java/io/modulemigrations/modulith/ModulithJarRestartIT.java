package io.modulemigrations.modulith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
 * neither the modules nor any migration (it loads none of the classes that do). So does a restart of the jar
 * extracted or exploded, as container images run it.
 */
@PostgresTest
class ModulithJarRestartIT {

    private static final Path JAR = Path.of(System.getProperty("fixture.jar", "target/module-migrations-modulith-tests-0.1.0-SNAPSHOT-exec.jar"));
    /** The class that imports the application's classes for Spring Modulith. */
    private static final String ARCHUNIT_IMPORT = "com.tngtech.archunit.core.importer.ClassFileImporter ";
    /** Classes that discovering the migrations loads: the loader, the SQL file migration, its SQL's splitting. */
    private static final String[] DISCOVERY = { "io.modulemigrations.MigrationLoader ", "io.modulemigrations.migration.SqlFileMigration ",
            "io.modulemigrations.sql.SqlStatements " };
    /** The class of a listed file: a jar's directory fingerprints its migrations unlisted, a directory is listed and read. */
    private static final String LISTED_FILE = "io.modulemigrations.sql.SqlResource ";

    @TempDir
    Path logs;

    @Test
    void aRestartOfTheSameJarReadsNoApplicationModules(PostgresServer server) throws Exception {
        deployAndRestart(List.of("-jar", JAR.toString()), server, false);
    }

    /**
     * Spring Modulith reads its detection strategy from the environment too (variables, system properties, files
     * outside the jar): set there, it may change the modules, so the next start reads them again, and the one after
     * that does not.
     */
    @Test
    void aDetectionStrategySetInTheEnvironmentIsReadAgain(PostgresServer server) throws Exception {
        List<String> launch = List.of("-jar", JAR.toString());
        try (TestDatabase database = server.createDatabase("modulith_jar")) {
            deployAndRestart(launch, database, false);
            Map<String, String> strategy = Map.of("SPRING_MODULITH_DETECTION_STRATEGY", "direct-sub-packages");

            Start changed = start(launch, database, 4, strategy);
            assertThat(changed.output()).doesNotContain("code and history as an earlier check found them");
            assertThat(changed.classes()).contains(ARCHUNIT_IMPORT);

            Start again = start(launch, database, 5, strategy);
            assertThat(again.output()).contains("code and history as an earlier check found them");
            assertThat(again.classes()).doesNotContain(ARCHUNIT_IMPORT);
        }
    }

    /** Spring Boot's extracted layout (the application's jar, its libraries in {@code lib/}), as container images run it. */
    @Test
    void aRestartOfTheSameExtractedJarReadsNoApplicationModules(PostgresServer server) throws Exception {
        Path extracted = logs.resolve("extracted");
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", JAR.toString(), "extract", "--destination",
                extracted.toString()).redirectErrorStream(true).redirectOutput(logs.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as(read(logs.resolve("extract.log"))).isZero();

        deployAndRestart(List.of("-jar", extracted.resolve(JAR.getFileName()).toString()), server, false);
    }

    /**
     * The jar exploded, as buildpacks run an application: its classes and migrations in directories, which keep no
     * checksums; their files are read to fingerprint them.
     */
    @Test
    void aRestartOfTheSameExplodedJarReadsNoApplicationModules(PostgresServer server) throws Exception {
        Path exploded = logs.resolve("exploded");
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path target = exploded.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }

        deployAndRestart(List.of("-cp", exploded.toString(), "org.springframework.boot.loader.launch.JarLauncher"), server, true);
    }

    /**
     * Three launches on a new database: the first deploy, the restart that records the check, and one more.
     *
     * @param listed whether the migrations are in a directory, which every start lists and reads
     */
    private void deployAndRestart(List<String> launch, PostgresServer server, boolean listed) throws IOException, InterruptedException {
        try (TestDatabase database = server.createDatabase("modulith_jar")) {
            deployAndRestart(launch, database, listed);
        }
    }

    private void deployAndRestart(List<String> launch, TestDatabase database, boolean listed) throws IOException, InterruptedException {
        Start deploy = start(launch, database, 1);
        assertThat(deploy.output()).contains("Applied 2 migration(s) in 2 module(s) as batch 1");
        assertThat(deploy.classes()).as("the first deploy orders the modules by Spring Modulith's").contains(ARCHUNIT_IMPORT)
                .contains(DISCOVERY);

        start(launch, database, 2);

        Start restart = start(launch, database, 3);
        assertThat(restart.output()).contains("code and history as an earlier check found them");
        assertThat(restart.classes()).as("classes loaded by the restart").doesNotContain(ARCHUNIT_IMPORT).doesNotContain(DISCOVERY);
        if (!listed) {
            assertThat(restart.classes()).as("classes loaded by the restart").doesNotContain(LISTED_FILE);
        }
    }

    private record Start(String output, String classes) {
    }

    private Start start(List<String> launch, TestDatabase database, int number) throws IOException, InterruptedException {
        return start(launch, database, number, Map.of());
    }

    private Start start(List<String> launch, TestDatabase database, int number, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = logs.resolve("start-" + number + ".log");
        Path classes = logs.resolve("classes-" + number + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xlog:class+load=info:file=" + classes));
        command.addAll(launch);
        command.addAll(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + (database.user() == null ? "" : database.user()),
                "--spring.datasource.password=" + (database.password() == null ? "" : database.password())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
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
