package io.modulemigrations.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak live heap while something runs: {@value #PAUSE_MS} ms after each sample a sampling thread runs a full
 * GC ({@code System.gc()}) and reads the heap used after it, so garbage not yet collected never
 * counts. The result is the highest sample minus the same measure taken before.
 */
final class HeapSampler implements AutoCloseable {

    static final long PAUSE_MS = 50;

    private final long baseline = liveHeap();
    private final AtomicLong peak = new AtomicLong(baseline);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });

    HeapSampler() {
        sampler.scheduleWithFixedDelay(this::sample, PAUSE_MS, PAUSE_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peak.accumulateAndGet(liveHeap(), Math::max);
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Stops sampling, takes a last sample, and returns the peak above the baseline in bytes. */
    long stop() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(1, TimeUnit.MINUTES);
        sample();
        return peak.get() - baseline;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
