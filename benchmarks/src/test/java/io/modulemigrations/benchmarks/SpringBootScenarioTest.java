package io.modulemigrations.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring Boot scenario's checks at their smallest: every app, 2 modules × 5 migrations, one
 * first deploy each, in a fresh JVM on its own class path (a launch that exits non-zero or is never
 * ready fails the run). Asserts that every app with a tool left the raw floor's schema and that
 * every app but the lazy reference one had started its pool when it was ready, never how fast;
 * nothing is timed. Restarts and the sample jar's commands are left to the full run.
 */
class SpringBootScenarioTest {

    private static final Workload SYNTHETIC = Workload.synthetic(2, 5);

    private static BenchServer server;
    private static BootResults results;

    @BeforeAll
    static void run(@TempDir Path workDir) throws Exception {
        server = BenchServer.start();
        results = new SpringBootScenario(server, SpringBootScenario.defaultAppsDir(), null, workDir, 0, 1, 0, true, System.out)
                .run(SYNTHETIC, BootContender.all());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyToolLeavesTheRawFloorsSchema() {
        List<String> tools = BootContender.all().stream().filter(c -> c.layout() != BootContender.Layout.NONE).map(BootContender::id).toList();
        assertThat(results.schemas()).containsOnlyKeys(Stream.concat(tools.stream(), Stream.of(SpringBootScenario.FLOOR)).toArray(String[]::new));
        assertThat(Set.copyOf(results.schemas().values())).hasSize(1);
        assertThat(results.schemaMismatches()).isEmpty();
        assertThat(results.schemas().get(SpringBootScenario.FLOOR))
                .contains("column | m02_t0 | c4 | integer")
                .contains("index | m02_t0 | m02_t0_c2_idx")
                .contains("rows | m02_t0 | 1");
    }

    @Test
    void everyAppButTheLazyReferenceHasItsPoolStartedWhenReady() {
        assertThat(results.poolStarted()).containsOnlyKeys(BootContender.all().stream().map(BootContender::id).toArray(String[]::new));
        results.poolStarted().forEach((app, started) ->
                assertThat(started).as(app).isEqualTo(!app.equals(BootContender.NO_TOOL_LAZY)));
    }

    /**
     * After the restart rounds, each app restarts once more with Spring's startup steps recorded: the
     * ready line carries them, and only this starter's app has beans of a tool. Sizes only, no speed.
     */
    @Test
    void aRestartWithItsStartupStepsRecordedSaysWhereThisStartersTimeWent(@TempDir Path workDir) throws Exception {
        List<BootContender> apps = BootContender.byIds("no-tool,module-migrations-c1");
        BootResults restarted = new SpringBootScenario(server, SpringBootScenario.defaultAppsDir(), null, workDir, 0, 1, 1, false, System.out)
                .run(SYNTHETIC, apps);

        assertThat(restarted.sampleCount("module-migrations-c1", BootResults.Measure.STEP_BEANS)).isEqualTo(1);
        assertThat(restarted.summary(BootContender.NO_TOOL, BootResults.Measure.STEP_BEANS)).hasValueSatisfying(s -> assertThat(s.median()).isZero());
        double beans = restarted.summary("module-migrations-c1", BootResults.Measure.STEP_BEANS).orElseThrow().median();
        double engine = restarted.summary("module-migrations-c1", BootResults.Measure.STEP_ENGINE).orElseThrow().median();
        double properties = restarted.summary("module-migrations-c1", BootResults.Measure.STEP_PROPERTIES).orElseThrow().median();
        assertThat(properties).isPositive();
        assertThat(engine).isGreaterThan(properties);
        assertThat(beans).isGreaterThanOrEqualTo(engine);
        assertThat(restarted.summary("module-migrations-c1", BootResults.Measure.STEP_READY).orElseThrow().median()).isPositive();
        assertThat(SpringBootReport.markdown(List.of(restarted))).contains("| app | beans | engine bean | properties | ready |",
                "| this starter, concurrency 1 | ");
    }

    @Test
    void eachToolKeepsItsHistoryAsItsUsersKnowIt() {
        assertThat(results.historyTables()).containsEntry("flyway", List.of("flyway_schema_history"))
                .containsEntry("liquibase", List.of("databasechangelog", "databasechangeloglock"))
                .containsEntry("modulith", List.of("flyway_schema_history_m01", "flyway_schema_history_m02"))
                .containsEntry("module-migrations-c1", List.of("module_migrations", "module_migrations_checks", "module_migrations_progress"))
                .containsEntry("module-migrations-c4", List.of("module_migrations", "module_migrations_checks", "module_migrations_progress"))
                .containsEntry(BootContender.RAW_JDBC, List.of(RawJdbcFloor.HISTORY));
    }
}
