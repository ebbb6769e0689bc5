package io.modulemigrations.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness: for each workload, warm-up passes then measured passes; in each pass every
 * contender in turn gets fresh databases on the one server and is measured on every {@link Metric}.
 * Warm-up passes warm this JVM only, so they start no fresh JVMs.
 * Each contender's schema after its first apply (and rollback) is kept for comparison.
 *
 * @param warmups passes run first and not recorded
 * @param passes  passes recorded
 */
record Benchmark(BenchServer server, Path workDir, int warmups, int passes, PrintStream progress) {

    /**
     * Peak heap is measured up to this many migrations (the target is for 1,000): under a full GC
     * every 50 ms, a 10,000-migration apply takes minutes per contender and pass.
     */
    static final int HEAP_LIMIT = 2_000;

    /**
     * The new-instance no-ops each pass runs unrecorded after its first one, so that the measured
     * ones run compiled code: a start's code runs once per pass otherwise, barely compiled after a
     * handful of passes. The same for every contender, the raw floor included. Mostly a time budget:
     * on 2 cores the JIT keeps compiling a start's code path for the first few hundred calls (seen
     * with -XX:+PrintCompilation: 20 calls left this engine at 2 to 3 times its settled time).
     */
    static final Repeats NEW_INSTANCE_WARMUP = new Repeats(2, 2_000, Duration.ofSeconds(3));

    /** The new-instance no-ops each pass then times; their median is the pass's {@link Metric#NOOP_NEW_INSTANCE}. */
    static final Repeats NEW_INSTANCE_TIMED = new Repeats(3, 20, Duration.ofSeconds(2));

    /**
     * Calls repeated until {@code max} calls, or until {@code budget} has passed since the first
     * began (a call under way finishes), whichever comes first, but at least {@code min} calls: a
     * slow contender (Liquibase at 10,000) costs {@code min} calls, not {@code max}.
     */
    record Repeats(int min, int max, Duration budget) {

        boolean more(int done, long startedNanos) {
            return done < max && (done < min || System.nanoTime() - startedNanos < budget.toNanos());
        }
    }

    Results run(List<Workload> workloads, List<Contender> contenders) throws Exception {
        Results results = new Results(workloads, contenders);
        for (int w = 0; w < workloads.size(); w++) {
            Workload workload = workloads.get(w);
            WorkloadFiles files = WorkloadFiles.write(workload, workDir.resolve("workload-" + w));
            for (int pass = 0; pass < warmups + passes; pass++) {
                boolean recorded = pass >= warmups;
                progress.printf("%s: %s %d of %d%n", workload.title(), recorded ? "pass" : "warm-up",
                        recorded ? pass - warmups + 1 : pass + 1, recorded ? passes : warmups);
                for (Contender contender : contenders) {
                    long start = System.nanoTime();
                    Pass p = new Pass(results, workload, contender, recorded, pass == 0);
                    p.run(files);
                    progress.printf("  %s: %.1f s (of which new-instance no-ops after the first: %d calls, %.1f s)%n", contender.label(),
                            (System.nanoTime() - start) / 1e9, p.repeatedCalls, p.repeatedNanos / 1e9);
                }
            }
        }
        return results;
    }

    /** One contender's turn in one pass. */
    private final class Pass {

        private final Results results;
        private final Workload workload;
        private final Contender contender;
        private final boolean recorded;
        private final boolean keepSchemas;
        /** The new-instance no-ops after the pass's first (warm-up and timed), and how long they took: what the warm figure costs. */
        private int repeatedCalls;
        private long repeatedNanos;

        Pass(Results results, Workload workload, Contender contender, boolean recorded, boolean keepSchemas) {
            this.results = results;
            this.workload = workload;
            this.contender = contender;
            this.recorded = recorded;
            this.keepSchemas = keepSchemas;
        }

        void run(WorkloadFiles files) throws Exception {
            String database = server.createDatabase();
            try (Target target = target(database, files)) {
                System.gc();
                long start = System.nanoTime();
                try (Contender.Session session = contender.open(target)) {
                    session.migrate();
                    record(Metric.COLD_APPLY, millisSince(start));

                    start = System.nanoTime();
                    session.migrate();
                    record(Metric.NOOP_LOADED, millisSince(start));

                    record(Metric.NOOP_NEW_INSTANCE_FIRST, newInstanceNoOp(target));
                    newInstanceNoOps(target, NEW_INSTANCE_WARMUP);
                    List<Double> timed = newInstanceNoOps(target, NEW_INSTANCE_TIMED);
                    record(Metric.NOOP_NEW_INSTANCE, Summary.of(timed).median());
                    record(Metric.NOOP_NEW_INSTANCE_CALLS, timed.size());
                    if (keepSchemas) {
                        results.schemaAfterApply(workload, contender, snapshot(target));
                    }

                    if (recorded) {
                        ChildJvm.Outcome fresh = ChildJvm.run("noop", contender, target);
                        record(Metric.FRESH_JVM_POOL_START, fresh.poolStartNanos() / 1e6);
                        record(Metric.FRESH_JVM_CALL, fresh.value() / 1e6);
                        record(Metric.FRESH_JVM_PROCESS, fresh.wallNanos() / 1e6);
                    }

                    if (contender.canRollback() && workload.rollbackModule() != null) {
                        start = System.nanoTime();
                        session.rollback(workload.rollbackModule(), workload.rollbackSize());
                        record(Metric.ROLLBACK, millisSince(start));
                        if (keepSchemas) {
                            results.schemaAfterRollback(workload, contender, snapshot(target));
                        }
                    }
                }
            } finally {
                server.dropDatabase(database);
            }
            if (recorded && workload.size() <= HEAP_LIMIT) {
                measureHeap(files);
            }
        }

        /**
         * What an application's start does with everything applied: a new configure, load and
         * migrate; its time in ms, to the end of {@code migrate()} (closing the instance is not timed).
         */
        private double newInstanceNoOp(Target target) throws Exception {
            long start = System.nanoTime();
            try (Contender.Session again = contender.open(target)) {
                again.migrate();
                return millisSince(start);
            }
        }

        private List<Double> newInstanceNoOps(Target target, Repeats repeats) throws Exception {
            List<Double> times = new ArrayList<>();
            long started = System.nanoTime();
            while (repeats.more(times.size(), started)) {
                times.add(newInstanceNoOp(target));
            }
            repeatedCalls += times.size();
            repeatedNanos += System.nanoTime() - started;
            return times;
        }

        private void measureHeap(WorkloadFiles files) throws Exception {
            String database = server.createDatabase();
            try (Target target = target(database, files)) {
                record(Metric.PEAK_HEAP, ChildJvm.run("heap", contender, target).value());
            } finally {
                server.dropDatabase(database);
            }
        }

        private Target target(String database, WorkloadFiles files) {
            return Target.open(server.jdbcUrl(database), server.user(), "", workload, files);
        }

        private void record(Metric metric, double value) {
            if (recorded) {
                results.add(workload, contender, metric, value);
            }
        }

        private String snapshot(Target target) throws Exception {
            try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password())) {
                return CatalogSnapshot.of(c);
            }
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
