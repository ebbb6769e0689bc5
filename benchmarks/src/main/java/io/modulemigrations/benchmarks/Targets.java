package io.modulemigrations.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets for this engine, checked against one run's medians. */
final class Targets {

    /**
     * One target and how the run did.
     *
     * @param target   what was asked
     * @param measured what the run measured, or why it measured nothing
     * @param outcome  met, not met, undecided (the run's spread cannot tell), or not measured
     */
    record Verdict(String target, String measured, Outcome outcome) {

        /** Whether a target was met. */
        enum Outcome {
            MET, NOT_MET, UNDECIDED, NOT_MEASURED
        }

        Verdict(String target, String measured, boolean met) {
            this(target, measured, met ? Outcome.MET : Outcome.NOT_MET);
        }

        /** A target the run could not check: a contender it needs was left out ({@code --contenders}). */
        static Verdict notMeasured(String target, String why) {
            return new Verdict(target, why, Outcome.NOT_MEASURED);
        }

        /** A target the run measured but cannot decide: its uncertainty spans the limit. */
        static Verdict undecided(String target, String measured) {
            return new Verdict(target, measured, Outcome.UNDECIDED);
        }

        /** The report's "met" cell. */
        String metCell() {
            return switch (outcome) {
                case MET -> "yes";
                case NOT_MET -> "**no**";
                case UNDECIDED -> "**undecided**";
                case NOT_MEASURED -> "not measured";
            };
        }
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
            t.workload(spec).ifPresent(w -> t.ratio(w, Metric.NOOP_NEW_INSTANCE, 2.0,
                    "no-op with a new instance (what a start does), warm JVM (median of up to " + Benchmark.NEW_INSTANCE_TIMED.max()
                            + " calls per pass) ≤ 2× the raw floor, " + size + " applied migrations (issue 13)"));
        }
        t.workload(ONE_THOUSAND).ifPresent(w -> {
            t.absolute(w, Metric.FRESH_JVM_CALL, 100, "first call in a fresh JVM ≤ 100 ms, 1,000 applied migrations (issue 13)");
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
        if (missing(target, C1)) {
            return;
        }
        double ours = median(w, C1, metric);
        double floor = median(w, FLOOR, metric);
        double ratio = ours / floor;
        verdicts.add(new Verdict(target, fmt("%.2f× (%s ms vs %s ms)", ratio, Report.millis(ours), Report.millis(floor)), ratio <= limit));
    }

    private void absolute(Workload w, Metric metric, double limitMs, String target) {
        if (missing(target, C1)) {
            return;
        }
        double ours = median(w, C1, metric);
        verdicts.add(new Verdict(target, Report.millis(ours) + " ms", ours <= limitMs));
    }

    private void heap(Workload w) {
        String target = "peak heap during a 1,000-migration cold apply ≤ 32 MB above the idle baseline";
        if (missing(target, C1)) {
            return;
        }
        double mb = median(w, C1, Metric.PEAK_HEAP) / Report.MB;
        verdicts.add(new Verdict(target, fmt("%.1f MB", mb), mb <= 32));
    }

    private void concurrency(Workload w) {
        String target = "concurrency 4 faster than concurrency 1 on the real corpus (" + Runtime.getRuntime().availableProcessors() + " cores)";
        if (missing(target, C1, C4)) {
            return;
        }
        double c1 = median(w, C1, Metric.COLD_APPLY);
        double c4 = median(w, C4, Metric.COLD_APPLY);
        verdicts.add(new Verdict(target,
                fmt("%s ms vs %s ms (%.2f×)", Report.millis(c4), Report.millis(c1), c4 / c1), c4 < c1));
    }

    /** Notes the target as not measured when a contender it needs was not part of the run. */
    private boolean missing(String target, String... needed) {
        List<String> absent = Arrays.stream(needed)
                .filter(id -> results.contenders().stream().noneMatch(c -> c.id().equals(id))).toList();
        if (!absent.isEmpty()) {
            verdicts.add(Verdict.notMeasured(target, String.join(" and ", absent) + " not in this run (--contenders)"));
        }
        return !absent.isEmpty();
    }

    private double median(Workload w, String contender, Metric metric) {
        return results.summary(w, contender, metric).orElseThrow(() ->
                new IllegalStateException(contender + " has no " + metric + " for " + w.title())).median();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
