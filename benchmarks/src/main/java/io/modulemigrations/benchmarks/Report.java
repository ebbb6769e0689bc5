package io.modulemigrations.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The run as Markdown: where and how it ran, one table per workload, and the targets. */
final class Report {

    static final double MB = 1024 * 1024;

    private static final String FLOOR = new RawJdbcFloor().id();

    private Report() {
    }

    static String markdown(Results results, Environment environment, int warmups, int passes) {
        StringBuilder md = new StringBuilder(header(environment, warmups, passes));
        md.append(newInstanceProtocol()).append("\n\n");
        for (Workload workload : results.workloads()) {
            table(md, results, workload);
        }
        List<Targets.Verdict> verdicts = Targets.check(results);
        if (!verdicts.isEmpty()) {
            md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
            verdicts.forEach(v -> md.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
                    .append(v.metCell()).append(" |\n"));
            md.append('\n');
        }
        return md.toString();
    }

    /** Where and how the run happened. */
    static String header(Environment environment, int warmups, int passes) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("- Date: ").append(environment.date()).append('\n');
        md.append("- Machine: ").append(environment.machine()).append('\n');
        md.append("- Load average: ").append(environment.load()).append('\n');
        md.append("- Java: ").append(environment.java()).append('\n');
        md.append("- Server: ").append(environment.server()).append("; a fresh database per contender per pass\n");
        md.append("- Passes: ").append(warmups).append(" warm-up + ").append(passes)
                .append(" measured; a cell is the median (min–max) of the measured passes; ×floor is the median over the raw JDBC floor's\n");
        md.append("- Every tool logs at WARN, gets the same kind of `DataSource` (a started HikariCP pool, at most 5 connections) and reads")
                .append(" the workload from the same jar through an open class loader (the raw floor has its SQL in memory)\n");
        md.append("- Command: `").append(environment.command()).append("` (see benchmarks/README.md)\n\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Results results, Workload workload) {
        md.append("## ").append(workload.title()).append("\n\n");
        String rollback = workload.rollbackModule() == null ? "rollback"
                : "rollback of " + workload.rollbackSize();
        md.append("| contender | cold apply, ms | ×floor | no-op, loaded instance, ms | no-op, new instance, warm (median of up to ")
                .append(Benchmark.NEW_INSTANCE_TIMED.max()).append("), ms | ×floor | no-op, new instance, first in pass, ms")
                .append(" | fresh JVM: first call, ms | fresh JVM: pool start, ms | fresh JVM: process, ms | ").append(rollback)
                .append(", ms | ×floor | peak heap above idle, MB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Contender c : results.contenders()) {
            md.append("| ").append(c.label())
                    .append(" | ").append(cell(results, workload, c, Metric.COLD_APPLY))
                    .append(" | ").append(ratio(results, workload, c, Metric.COLD_APPLY))
                    .append(" | ").append(cell(results, workload, c, Metric.NOOP_LOADED))
                    .append(" | ").append(cell(results, workload, c, Metric.NOOP_NEW_INSTANCE)).append(calls(results, workload, c))
                    .append(" | ").append(ratio(results, workload, c, Metric.NOOP_NEW_INSTANCE))
                    .append(" | ").append(cell(results, workload, c, Metric.NOOP_NEW_INSTANCE_FIRST))
                    .append(" | ").append(cell(results, workload, c, Metric.FRESH_JVM_CALL))
                    .append(" | ").append(cell(results, workload, c, Metric.FRESH_JVM_POOL_START))
                    .append(" | ").append(cell(results, workload, c, Metric.FRESH_JVM_PROCESS))
                    .append(" | ").append(rollbackCell(results, workload, c))
                    .append(" | ").append(ratio(results, workload, c, Metric.ROLLBACK))
                    .append(" | ").append(cell(results, workload, c, Metric.PEAK_HEAP))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /** How the new-instance no-op columns are measured, for the report. */
    static String newInstanceProtocol() {
        Benchmark.Repeats warmup = Benchmark.NEW_INSTANCE_WARMUP;
        Benchmark.Repeats timed = Benchmark.NEW_INSTANCE_TIMED;
        return String.format(Locale.ROOT, "*No-op, new instance* is what an application's start does with everything applied (a new configure,"
                + " load and migrate), in the harness JVM. In each pass, for every contender alike: the first such call is *first in pass*;"
                + " then %d to %d more calls unrecorded (up to %d, or for about %.0f s), so that this code runs compiled; then %d to %d"
                + " timed calls (up to %d, or for about %.0f s), whose median is the pass's *warm* value (the issue-13 target's);"
                + " a cell notes [n=…] when a pass timed fewer than %d.",
                warmup.min(), warmup.max(), warmup.max(), warmup.budget().toMillis() / 1000.0, timed.min(), timed.max(), timed.max(),
                timed.budget().toMillis() / 1000.0, timed.max());
    }

    /** " [n=3–5]" when some pass timed fewer warm new-instance calls than the most it may; empty otherwise. */
    private static String calls(Results results, Workload workload, Contender c) {
        return results.summary(workload, c.id(), Metric.NOOP_NEW_INSTANCE_CALLS)
                .filter(s -> s.min() < Benchmark.NEW_INSTANCE_TIMED.max())
                .map(s -> s.min() == s.max() ? String.format(Locale.ROOT, " [n=%.0f]", s.min())
                        : String.format(Locale.ROOT, " [n=%.0f–%.0f]", s.min(), s.max()))
                .orElse("");
    }

    private static String rollbackCell(Results results, Workload workload, Contender c) {
        if (workload.rollbackModule() == null) {
            return "not measured";
        }
        return c.canRollback() ? cell(results, workload, c, Metric.ROLLBACK) : "no undo (free edition)";
    }

    private static String cell(Results results, Workload workload, Contender c, Metric metric) {
        Optional<Summary> s = results.summary(workload, c.id(), metric);
        if (s.isEmpty()) {
            return metric == Metric.PEAK_HEAP ? "not measured" : "–";
        }
        if (metric == Metric.PEAK_HEAP) {
            return mb(s.get().median()) + " (" + mb(s.get().min()) + "–" + mb(s.get().max()) + ")";
        }
        return millis(s.get().median()) + " (" + millis(s.get().min()) + "–" + millis(s.get().max()) + ")";
    }

    private static String ratio(Results results, Workload workload, Contender c, Metric metric) {
        Optional<Summary> ours = results.summary(workload, c.id(), metric);
        Optional<Summary> floor = results.summary(workload, FLOOR, metric);
        if (ours.isEmpty() || floor.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", ours.get().median() / floor.get().median());
    }

    /** Milliseconds with three significant digits, at least whole milliseconds. */
    static String millis(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,.0f", ms);
        }
        return String.format(Locale.ROOT, ms >= 10 ? "%.1f" : "%.2f", ms);
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }
}
