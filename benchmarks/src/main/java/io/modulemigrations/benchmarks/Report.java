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
        md.append("| contender | cold apply, ms | ×floor | no-op, loaded instance, ms | no-op, new instance, ms"
                + " | fresh JVM: first call, ms | fresh JVM: pool start, ms | fresh JVM: process, ms | ").append(rollback)
                .append(", ms | ×floor | peak heap above idle, MB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Contender c : results.contenders()) {
            md.append("| ").append(c.label())
                    .append(" | ").append(cell(results, workload, c, Metric.COLD_APPLY))
                    .append(" | ").append(ratio(results, workload, c, Metric.COLD_APPLY))
                    .append(" | ").append(cell(results, workload, c, Metric.NOOP_LOADED))
                    .append(" | ").append(cell(results, workload, c, Metric.NOOP_NEW_INSTANCE))
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
