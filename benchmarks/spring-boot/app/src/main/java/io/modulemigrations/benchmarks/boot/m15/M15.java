package io.modulemigrations.benchmarks.boot.m15;

/** Marks module m15 of the benchmark app (Spring Modulith finds modules by package). */
public final class M15 {

    private M15() {
    }
}
