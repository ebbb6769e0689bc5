package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.generate.fixtures.GenerateCommandLineApplication;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar app.jar db:generate}: a whole Spring Boot application with JPA and
 * {@code ddl-auto=validate} against a database that is behind its entities, which is exactly when
 * db:generate is run. The command works and the application's database is left as it was.
 */
@PostgresTest
class CommandLineGenerateTests {

    @TempDir
    Path project;

    @Test
    void generatesWithValidateAgainstADatabaseBehindTheEntities(TestDatabase app) throws Exception {
        Path migrations = Files.createDirectories(this.project.resolve("src/main/resources/db/migrations/product"));
        Files.writeString(migrations.resolve("Migration202501010000.sql"),
                "-- migrate:up\n" + GenerateScenario.PRODUCT_UP + "-- migrate:down\ndrop table product;\n");
        Sql.execute(app.dataSource(), "create table unrelated (id int)");
        List<String> before = GenerateScenario.catalog(app);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GenerateCommandLineApplication.class.getName(),
                "db:generate", "blog", "--name", "Blog",
                "--spring.datasource.url=" + app.jdbcUrl(), "--spring.datasource.username=" + app.user(),
                "--spring.jpa.hibernate.ddl-auto=validate", "--spring.main.web-application-type=none",
                "--module-migrations.locations=filesystem:" + this.project.resolve("src/main/resources/db/migrations"),
                "--module-migrations.generate.output-dir=" + this.project.resolve("src/main/resources/db/migrations")));
        if (app.password() != null) {
            command.add("--spring.datasource.password=" + app.password());
        }
        Process process = new ProcessBuilder(command).redirectError(this.project.resolve("stderr.txt").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out + Files.readString(this.project.resolve("stderr.txt"))).isZero();

        assertThat(out).contains("blog: Migration", "  create table author\n", "  create table post\n", "Wrote ");
        try (var files = Files.list(this.project.resolve("src/main/resources/db/migrations/blog"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("Migration\\d{14}_Blog\\.sql");
        }
        assertThat(GenerateScenario.catalog(app)).isEqualTo(before);
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
    }
}
