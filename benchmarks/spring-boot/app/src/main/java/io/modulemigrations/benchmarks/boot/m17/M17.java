package io.modulemigrations.benchmarks.boot.m17;

/** Marks module m17 of the benchmark app (Spring Modulith finds modules by package). */
public final class M17 {

    private M17() {
    }
}
