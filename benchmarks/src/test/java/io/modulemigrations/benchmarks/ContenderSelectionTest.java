package io.modulemigrations.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --contenders}: the raw floor always runs, first; a run without some contenders reports
 * the targets that need them as not measured instead of failing after the run.
 */
class ContenderSelectionTest {

    private static final Environment ENVIRONMENT = new Environment("today", "this machine", "this JVM", "this server", "this command", "calm");

    @Test
    void theRawFloorComesFirstThenTheChosenContendersInTheOrderGiven() {
        assertThat(Contender.byIds("engine-c4,engine-c1").stream().map(Contender::id)).containsExactly("raw", "engine-c4", "engine-c1");
        assertThat(Contender.byIds("flyway, raw").stream().map(Contender::id)).containsExactly("raw", "flyway");
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Contender.byIds("engine-c1,engine-c2"))
                .withMessage("Unknown contender engine-c2; the contenders are [raw, engine-c1, engine-c4, flyway, liquibase]");
    }

    @Test
    void targetsNeedingAMissingContenderAreNotMeasured() {
        Workload thousand = Workload.fromSpec(Targets.ONE_THOUSAND);
        Workload medusa = new Workload("medusa:/corpus", "real: a corpus", Map.of("cart", List.of()), Map.of(), null);
        List<Contender> contenders = Contender.byIds("engine-c1");
        Results results = new Results(List.of(thousand, medusa), contenders);
        for (Workload workload : results.workloads()) {
            for (Contender contender : contenders) {
                for (Metric metric : Metric.values()) {
                    results.add(workload, contender, metric, metric == Metric.PEAK_HEAP ? 8 * Report.MB : 4);
                }
            }
        }

        List<Targets.Verdict> verdicts = Targets.check(results);

        assertThat(verdicts).filteredOn(v -> v.outcome() == Targets.Verdict.Outcome.NOT_MEASURED).singleElement()
                .satisfies(v -> assertThat(v.target()).startsWith("concurrency 4 faster than concurrency 1"))
                .satisfies(v -> assertThat(v.measured()).isEqualTo("engine-c4 not in this run (--contenders)"));
        assertThat(verdicts).filteredOn(v -> v.outcome() != Targets.Verdict.Outcome.NOT_MEASURED).hasSize(6);
        String markdown = Report.markdown(results, ENVIRONMENT, 0, 1);
        assertThat(markdown).contains("| raw JDBC floor | ", "| Module Migrations, concurrency 1 | ", "| engine-c4 not in this run (--contenders) | not measured |")
                .doesNotContain("Flyway", "Liquibase", "concurrency 4 |");
    }

    @Test
    void withoutThisEngineEveryTargetIsNotMeasured() {
        Workload thousand = Workload.fromSpec(Targets.ONE_THOUSAND);
        List<Contender> contenders = Contender.byIds("flyway");
        Results results = new Results(List.of(thousand), contenders);
        contenders.forEach(c -> results.add(thousand, c, Metric.COLD_APPLY, 4));

        assertThat(Targets.check(results)).hasSize(6).allSatisfy(v -> {
            assertThat(v.outcome()).isEqualTo(Targets.Verdict.Outcome.NOT_MEASURED);
            assertThat(v.measured()).isEqualTo("engine-c1 not in this run (--contenders)");
        });
    }
}
