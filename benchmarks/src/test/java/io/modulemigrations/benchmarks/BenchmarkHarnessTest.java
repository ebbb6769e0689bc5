package io.modulemigrations.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness at its smallest: every contender, 2 modules × 5 migrations, no warm-up, one pass,
 * fresh JVMs included. Asserts that every contender leaves the same schema, never how fast. (The
 * full run checks the same on every workload, the Medusa corpus included, and stops if one differs.)
 */
class BenchmarkHarnessTest {

    private static final Workload SYNTHETIC = Workload.synthetic(2, 5);

    private static BenchServer server;
    private static Results results;

    @BeforeAll
    static void run(@TempDir Path workDir) throws Exception {
        server = BenchServer.start();
        results = new Benchmark(server, workDir, 0, 1, System.out).run(List.of(SYNTHETIC), Contender.all());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyContenderEndsWithTheSameSchema() {
        Map<String, String> schemas = results.schemasAfterApply(SYNTHETIC);
        assertThat(schemas).containsOnlyKeys(ids(Contender.all()));
        assertThat(Set.copyOf(schemas.values())).hasSize(1);
        assertThat(results.schemaMismatches(SYNTHETIC)).isEmpty();
        assertThat(schemas.get("raw"))
                .contains("column | m02_t0 | c4 | integer")
                .contains("index | m02_t0 | m02_t0_c2_idx")
                .contains("rows | m02_t0 | 1");
    }

    @Test
    void everyContenderThatCanRollBackEndsWithTheSameSchema() {
        List<Contender> rollingBack = Contender.all().stream().filter(Contender::canRollback).toList();
        Map<String, String> schemas = results.schemasAfterRollback(SYNTHETIC);
        assertThat(schemas).containsOnlyKeys(ids(rollingBack));
        assertThat(Set.copyOf(schemas.values())).hasSize(1);
        assertThat(schemas.get("raw")).contains("m01_t0").doesNotContain("m02_t0");
    }

    @Test
    void everyMetricIsMeasuredAndReported() {
        for (Contender contender : Contender.all()) {
            for (Metric metric : Metric.values()) {
                boolean expected = metric != Metric.ROLLBACK || contender.canRollback();
                assertThat(results.summary(SYNTHETIC, contender.id(), metric).isPresent()).as(contender.id() + " " + metric).isEqualTo(expected);
            }
        }
        String markdown = Report.markdown(results, new Environment("today", "this machine", "this JVM", "this server", "this command", "calm"), 0, 1);
        assertThat(markdown).contains("## " + SYNTHETIC.title(), "| raw JDBC floor | ", "no undo (free edition)",
                "| no-op, new instance, warm (median of up to 20), ms | ×floor | no-op, new instance, first in pass, ms |");
    }

    @Test
    void theWarmNewInstanceNoOpIsTheMedianOfSeveralTimedCallsPerPassForEveryContender() {
        for (Contender contender : Contender.all()) {
            double calls = results.summary(SYNTHETIC, contender.id(), Metric.NOOP_NEW_INSTANCE_CALLS).orElseThrow().median();
            assertThat(calls).as(contender.id() + " timed calls").isBetween((double) Benchmark.NEW_INSTANCE_TIMED.min(),
                    (double) Benchmark.NEW_INSTANCE_TIMED.max());
            assertThat(calls % 1).as(contender.id() + " timed calls").isZero();
            assertThat(results.summary(SYNTHETIC, contender.id(), Metric.NOOP_NEW_INSTANCE).orElseThrow().median())
                    .as(contender.id() + " warm").isPositive();
            assertThat(results.summary(SYNTHETIC, contender.id(), Metric.NOOP_NEW_INSTANCE_FIRST).orElseThrow().median())
                    .as(contender.id() + " first in pass").isPositive();
        }
    }

    @Test
    void repeatsStopAtTheMostCallsOrTheBudgetButNeverBeforeTheLeast() {
        Benchmark.Repeats repeats = new Benchmark.Repeats(3, 20, Duration.ofSeconds(2));
        long now = System.nanoTime();
        long longAgo = now - Duration.ofSeconds(10).toNanos();
        assertThat(repeats.more(0, now)).isTrue();
        assertThat(repeats.more(19, now)).isTrue();
        assertThat(repeats.more(20, now)).isFalse();
        assertThat(repeats.more(2, longAgo)).isTrue();
        assertThat(repeats.more(3, longAgo)).isFalse();
    }

    private static Set<String> ids(List<Contender> contenders) {
        return contenders.stream().map(Contender::id).collect(Collectors.toSet());
    }
}
