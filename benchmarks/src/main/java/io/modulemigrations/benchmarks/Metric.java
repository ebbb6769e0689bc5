package io.modulemigrations.benchmarks;

/** What one pass measures for each contender. Times in milliseconds, heap in bytes, calls as a count. */
enum Metric {
    /** Configure, load and migrate everything into an empty database, in the warm harness JVM. */
    COLD_APPLY,
    /** {@code migrate()} again on the instance that just applied everything. */
    NOOP_LOADED,
    /**
     * A new configure, load and migrate with everything applied, in the same JVM, warm: the median of
     * the pass's timed calls ({@link Benchmark#NEW_INSTANCE_TIMED}), after unrecorded ones
     * ({@link Benchmark#NEW_INSTANCE_WARMUP}) that let the JIT compile this code path.
     */
    NOOP_NEW_INSTANCE,
    /** How many timed calls {@link #NOOP_NEW_INSTANCE}'s median is of, in the pass. */
    NOOP_NEW_INSTANCE_CALLS,
    /** The pass's first new configure, load and migrate with everything applied: code that ran once per pass until then. */
    NOOP_NEW_INSTANCE_FIRST,
    /** In a new JVM: starting the connection pool (driver loading, first connection), before the tool is called. */
    FRESH_JVM_POOL_START,
    /** In the same new JVM, pool started: configure, load and migrate with everything applied, timed inside that JVM. */
    FRESH_JVM_CALL,
    /** The same new JVM's whole life, from process start to exit. */
    FRESH_JVM_PROCESS,
    /** Undo the rollback module's latest batch, on the loaded instance. */
    ROLLBACK,
    /** Peak live heap above the idle baseline during a cold apply in a new JVM. */
    PEAK_HEAP
}
