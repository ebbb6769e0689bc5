package io.modulemigrations.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.benchmarks.BootResults.Measure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot report's two parts: issue 13 allows a restart +50 ms over the no-tool app at
 * 1,000 migrations and +150 ms at 10,000; the 10,000 part runs three apps and no timed floor, so
 * it has no first-deploy target. Figures are made up here: nothing is timed.
 */
class SpringBootReportTest {

    private static final List<BootContender> TEN_THOUSAND_APPS = BootContender.atTenThousand(BootContender.all());

    @Test
    void theTenThousandPartRunsTheNoToolAppAndThisStarterOnly() {
        assertThat(TEN_THOUSAND_APPS).extracting(BootContender::id)
                .containsExactly(BootContender.NO_TOOL, "module-migrations-c1", "module-migrations-c4");
        assertThat(BootContender.atTenThousand(BootContender.byIds("flyway,module-migrations-c4"))).extracting(BootContender::id)
                .containsExactly("module-migrations-c4");
        assertThat(Workload.fromSpec(SpringBootScenario.TEN_THOUSAND).modules()).hasSize(20);
        assertThat(Workload.fromSpec(SpringBootScenario.TEN_THOUSAND).size()).isEqualTo(10_000);
    }

    @Test
    void eachPartGetsItsTableAndItsRestartLimitInOneTargetsTable() {
        BootResults thousand = new BootResults(Workload.fromSpec(Targets.ONE_THOUSAND), TEN_THOUSAND_APPS);
        restarts(thousand, 2_000, 2_040, 2_100);
        thousand.add(SpringBootScenario.FLOOR, Measure.COLD_APPLY, 900);
        BootResults tenThousand = new BootResults(Workload.fromSpec(SpringBootScenario.TEN_THOUSAND), TEN_THOUSAND_APPS);
        restarts(tenThousand, 2_000, 2_140, 2_160);

        String markdown = SpringBootReport.markdown(List.of(thousand, tenThousand));

        assertThat(markdown).contains("## Spring Boot 4.1 apps, synthetic, 20 modules × 50 migrations = 1,000",
                "## Spring Boot 4.1 apps, synthetic, 20 modules × 500 migrations = 10,000",
                "Raw JDBC floor, cold apply in the harness JVM (same passes): 900 (900–900) ms",
                "Raw JDBC floor: not timed at this size",
                "| restart with 1,000 applied, concurrency 1: ≤ +50 ms over no tool (both take a connection at start) | +40 ms (2,040 vs 2,000 ms) | yes |",
                "| restart with 1,000 applied, concurrency 4: ≤ +50 ms over no tool (both take a connection at start) | +100 ms (2,100 vs 2,000 ms) | **no** |",
                "| restart with 10,000 applied, concurrency 1: ≤ +150 ms over no tool (both take a connection at start) | +140 ms (2,140 vs 2,000 ms) | yes |",
                "| restart with 10,000 applied, concurrency 4: ≤ +150 ms over no tool (both take a connection at start) | +160 ms (2,160 vs 2,000 ms) | **no** |")
                .containsOnlyOnce("| target (issue 13) |")
                .contains("first deploy of 1,000").doesNotContain("first deploy of 10,000");
    }

    /**
     * The first deploy against both readings of "no-tool start + raw floor cold apply": the sum of the no-tool
     * app's start and the floor timed in the (warm) harness JVM, and the app that applies the floor when ready.
     */
    @Test
    void theFirstDeployIsComparedWithTheSumAndWithTheFloorAppliedByAnApp() {
        BootResults thousand = new BootResults(Workload.fromSpec(Targets.ONE_THOUSAND), BootContender.all());
        restarts(thousand, 2_000, 3_700, 3_300);
        thousand.add(SpringBootScenario.FLOOR, Measure.COLD_APPLY, 900);
        thousand.add(BootContender.RAW_JDBC, Measure.DEPLOY_READY, 3_500);

        String markdown = SpringBootReport.markdown(List.of(thousand));

        assertThat(markdown).contains(
                "| first deploy of 1,000, concurrency 1: ≤ 1.2 × (no-tool start + raw floor cold apply) | 3,700 ms vs limit 3,480 ms (1.2 × (2,000 + 900)) | **no** |",
                "| first deploy of 1,000, concurrency 1: ≤ 1.2 × the no-tool app applying the raw floor when ready (the same sum, in the same kind of fresh JVM)"
                        + " | 3,700 ms vs limit 4,200 ms (1.2 × 3,500): 1.06× that app | yes |",
                "| first deploy of 1,000, concurrency 4: ≤ 1.2 × (no-tool start + raw floor cold apply) | 3,300 ms vs limit 3,480 ms (1.2 × (2,000 + 900)) | yes |",
                "| raw JDBC floor, applied when ready (no tool) | – | – | – | 3,500 (3,500–3,500) | +1,500 | – |");
    }

    /** Launches seconds apart are compared round by round; the passes' medians are further apart in time and only shown. */
    @Test
    void theRestartTargetIsTheMedianOfTheRoundsDifferences() {
        BootResults thousand = new BootResults(Workload.fromSpec(Targets.ONE_THOUSAND), TEN_THOUSAND_APPS);
        restarts(thousand, 2_000, 2_200, 2_200);
        double[][] rounds = {{2_000, 2_030, 2_100}, {2_300, 2_340, 2_400}, {1_900, 1_950, 1_960}};
        for (double[] round : rounds) {
            thousand.add(BootContender.NO_TOOL, Measure.ROUND_READY, round[0]);
            thousand.add("module-migrations-c1", Measure.ROUND_READY, round[1]);
            thousand.add("module-migrations-c4", Measure.ROUND_READY, round[2]);
        }

        String markdown = SpringBootReport.markdown(List.of(thousand));

        assertThat(markdown).contains("Restart, 3 rounds after the passes",
                "| this starter, concurrency 1 | 2,030 (1,950–2,340) | +40 (+30 to +50) |",
                "| restart with 1,000 applied, concurrency 1: ≤ +50 ms over no tool (both take a connection at start)"
                        + " | +40 ms, median of 3 rounds' differences (+30 to +50); too few rounds for an interval | yes |",
                "| restart with 1,000 applied, concurrency 4: ≤ +50 ms over no tool (both take a connection at start)"
                        + " | +100 ms, median of 3 rounds' differences (+60 to +100); too few rounds for an interval | **no** |");
    }

    /**
     * From 6 rounds the verdict reads the 95% interval of the median difference: met only when all of it is
     * within the limit, not met when all of it is over, undecided when it spans the limit.
     */
    @Test
    void withEnoughRoundsTheIntervalOfTheMedianDecidesTheRestartTarget() {
        BootResults thousand = new BootResults(Workload.fromSpec(Targets.ONE_THOUSAND), TEN_THOUSAND_APPS);
        restarts(thousand, 2_000, 2_200, 2_200);
        for (int round = 0; round < 10; round++) {
            double noTool = 2_000 + 37 * (round % 3);
            thousand.add(BootContender.NO_TOOL, Measure.ROUND_READY, noTool);
            thousand.add("module-migrations-c1", Measure.ROUND_READY, noTool + 10 + 4 * round);   // +10 .. +46
            thousand.add("module-migrations-c4", Measure.ROUND_READY, noTool + 20 * round);       // 0 .. +180
        }

        String markdown = SpringBootReport.markdown(List.of(thousand));

        // 10 rounds: the interval is the 2nd smallest and the 2nd largest difference
        assertThat(markdown).contains(
                "| this starter, concurrency 1 | ",
                "+28 (+10 to +46); 95%: +14 to +42 |",
                "| restart with 1,000 applied, concurrency 1: ≤ +50 ms over no tool (both take a connection at start)"
                        + " | +28 ms, median of 10 rounds' differences (+10 to +46); 95% interval of the median +14 to +42 | yes |",
                "| restart with 1,000 applied, concurrency 4: ≤ +50 ms over no tool (both take a connection at start)"
                        + " | +90 ms, median of 10 rounds' differences (+0 to +180); 95% interval of the median +20 to +160 | **undecided** |");

        BootResults over = new BootResults(Workload.fromSpec(Targets.ONE_THOUSAND), TEN_THOUSAND_APPS);
        restarts(over, 2_000, 2_200, 2_200);
        for (int round = 0; round < 10; round++) {
            over.add(BootContender.NO_TOOL, Measure.ROUND_READY, 2_000);
            over.add("module-migrations-c1", Measure.ROUND_READY, 2_060 + round);
            over.add("module-migrations-c4", Measure.ROUND_READY, 2_000 + round);
        }
        assertThat(SpringBootReport.verdicts(over)).extracting(Targets.Verdict::outcome).startsWith(Targets.Verdict.Outcome.NOT_MET);
    }

    private static void restarts(BootResults results, double noTool, double c1, double c4) {
        for (Measure measure : List.of(Measure.RESTART_READY, Measure.DEPLOY_READY)) {
            results.add(BootContender.NO_TOOL, measure, noTool);
            results.add("module-migrations-c1", measure, c1);
            results.add("module-migrations-c4", measure, c4);
        }
    }
}
