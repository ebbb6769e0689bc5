package io.modulemigrations.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets for this engine, checked against one run's medians. */
final class Targets {

    /**
     * One target and how the run did.
     *
     * @param target   what was asked
     * @param measured what the run measured
     * @param met      whether the target was met
     */
    record Verdict(String target, String measured, boolean met) {
    }

    static final String ONE_THOUSAND = "synthetic:20x50";
    static final String TEN_THOUSAND = "synthetic:50x200";

    private static final String FLOOR = new RawJdbcFloor().id();
    private static final String C1 = new ModuleMigrationsEngine(1).id();
    private static final String C4 = new ModuleMigrationsEngine(4).id();

    private final Results results;
    private final List<Verdict> verdicts = new ArrayList<>();

    private Targets(Results results) {
        this.results = results;
    }

    /** The verdicts for every target whose workload was part of the run. */
    static List<Verdict> check(Results results) {
        Targets t = new Targets(results);
        for (String spec : List.of(ONE_THOUSAND, TEN_THOUSAND)) {
            String size = spec.equals(ONE_THOUSAND) ? "1,000" : "10,000";
            t.workload(spec).ifPresent(w -> t.ratio(w, Metric.COLD_APPLY, 1.2, "cold apply at concurrency 1 ≤ 1.2× the raw floor, " + size + " migrations"));
            t.workload(spec).ifPresent(w -> t.absolute(w, Metric.NOOP_LOADED, spec.equals(ONE_THOUSAND) ? 5 : 20,
                    "warm no-op ≤ " + (spec.equals(ONE_THOUSAND) ? 5 : 20) + " ms, " + size + " applied migrations"));
        }
        t.workload(ONE_THOUSAND).ifPresent(w -> {
            t.absolute(w, Metric.FRESH_JVM_CALL, 50, "first call in a fresh JVM ≤ 50 ms, 1,000 applied migrations");
            t.ratio(w, Metric.ROLLBACK, 1.5, "rollback of " + w.rollbackSize() + " ≤ 1.5× the raw floor");
            t.heap(w);
        });
        results.workloads().stream().filter(w -> w.spec().startsWith("medusa:")).findFirst().ifPresent(t::concurrency);
        return t.verdicts;
    }

    private Optional<Workload> workload(String spec) {
        return results.workloads().stream().filter(w -> w.spec().equals(spec)).findFirst();
    }

    private void ratio(Workload w, Metric metric, double limit, String target) {
        double ours = median(w, C1, metric);
        double floor = median(w, FLOOR, metric);
        double ratio = ours / floor;
        verdicts.add(new Verdict(target, fmt("%.2f× (%s ms vs %s ms)", ratio, Report.millis(ours), Report.millis(floor)), ratio <= limit));
    }

    private void absolute(Workload w, Metric metric, double limitMs, String target) {
        double ours = median(w, C1, metric);
        verdicts.add(new Verdict(target, Report.millis(ours) + " ms", ours <= limitMs));
    }

    private void heap(Workload w) {
        double mb = median(w, C1, Metric.PEAK_HEAP) / Report.MB;
        verdicts.add(new Verdict("peak heap during a 1,000-migration cold apply ≤ 32 MB above the idle baseline",
                fmt("%.1f MB", mb), mb <= 32));
    }

    private void concurrency(Workload w) {
        double c1 = median(w, C1, Metric.COLD_APPLY);
        double c4 = median(w, C4, Metric.COLD_APPLY);
        verdicts.add(new Verdict("concurrency 4 faster than concurrency 1 on the real corpus ("
                + Runtime.getRuntime().availableProcessors() + " cores)",
                fmt("%s ms vs %s ms (%.2f×)", Report.millis(c4), Report.millis(c1), c4 / c1), c4 < c1));
    }

    private double median(Workload w, String contender, Metric metric) {
        return results.summary(w, contender, metric).orElseThrow(() ->
                new IllegalStateException(contender + " has no " + metric + " for " + w.title())).median();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
