package io.modulemigrations.benchmarks.boot.m11;

/** Marks module m11 of the benchmark app (Spring Modulith finds modules by package). */
public final class M11 {

    private M11() {
    }
}
