package io.modulemigrations.benchmarks.boot.m18;

/** Marks module m18 of the benchmark app (Spring Modulith finds modules by package). */
public final class M18 {

    private M18() {
    }
}
