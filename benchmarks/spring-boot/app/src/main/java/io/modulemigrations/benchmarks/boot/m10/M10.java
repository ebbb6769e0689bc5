package io.modulemigrations.benchmarks.boot.m10;

/** Marks module m10 of the benchmark app (Spring Modulith finds modules by package). */
public final class M10 {

    private M10() {
    }
}
