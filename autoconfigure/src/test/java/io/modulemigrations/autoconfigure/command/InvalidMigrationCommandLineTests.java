package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.fixtures.FixtureCommandLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar app.jar db:migrate} with a badly named migration file: the problem is printed once,
 * and the next step is to run the command again (not to start the application).
 */
class InvalidMigrationCommandLineTests {

    @TempDir
    Path project;

    @Test
    void anInvalidNameIsPrintedOnceAndTheNextStepIsTheCommand() throws Exception {
        Path blog = Files.createDirectories(this.project.resolve("migrations/blog"));
        Files.writeString(blog.resolve("Migration2025_bad.sql"), "-- migrate:up\ncreate table x (id int);\n-- migrate:down\ndrop table x;\n");
        Path stderr = this.project.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FixtureCommandLine.class.getName(), "db:migrate",
                // Never reached: the migrations are checked before anything connects.
                "--spring.datasource.url=jdbc:postgresql://localhost:1/never",
                "--module-migrations.locations=filesystem:" + this.project.resolve("migrations"),
                "--spring.autoconfigure.exclude=io.modulemigrations.autoconfigure.modulith.ModulithModuleMigrationsAutoConfiguration")
                .redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(stderr);

        assertThat(process.exitValue()).as(err).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(occurrences(err, "migration name 'Migration2025_bad' is not valid")).as(err).isEqualTo(1);
        assertThat(err).contains("Invalid migrations; nothing was run and the database was not touched.",
                "Fix the cause above, then run 'db:migrate' again.").doesNotContain("start the application again", "start again");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
