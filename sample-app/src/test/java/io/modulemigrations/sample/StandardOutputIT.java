package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.SampleJar.SeparateRun;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A command's standard output holds its result and nothing else (Spring Boot's, Hibernate's and Hikari's log
 * lines go to standard error), so {@code db:status --json} pipes into another program.
 */
class StandardOutputIT {

    static TestDatabase database;

    @TempDir
    static Path dir;

    @BeforeAll
    static void createDatabase() {
        database = PostgresServer.shared().createDatabase("sample_stdout");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void statusAsJsonIsOneDocumentOnStandardOutputAndTheLogsGoToStandardError() throws Exception {
        SeparateRun plan = run("db:migrate", "--dry-run");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout().lines()).allSatisfy(line -> assertThat(line).doesNotContain(" INFO ", " WARN "));
        assertThat(plan.stdout()).contains("blog");

        SeparateRun migrate = run("db:migrate");
        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        assertThat(migrate.stdout().lines()).allSatisfy(line -> assertThat(line).doesNotContain(" INFO ", " WARN "));
        assertThat(migrate.stdout()).contains("Applied 4 migration(s) in batch 1");

        SeparateRun status = run("db:status", "--json");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        JsonNode document = JsonMapper.builder().build().readTree(status.stdout());
        assertThat(document.isObject()).as(status.stdout()).isTrue();
        assertThat(status.stderr()).contains("Starting SampleApplication");
    }

    @Test
    void verifyAsJsonIsOneDocumentOnStandardOutput() throws Exception {
        SeparateRun verify = run("db:verify", "--json");

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        JsonNode document = JsonMapper.builder().build().readTree(verify.stdout());
        assertThat(document.isObject()).as(verify.stdout()).isTrue();
        assertThat(verify.stdout()).contains("blog");
    }

    private static SeparateRun run(String... args) throws Exception {
        return SampleJar.launchSeparately(dir, database.jdbcUrl(), database.user(), database.password(), args);
    }
}
