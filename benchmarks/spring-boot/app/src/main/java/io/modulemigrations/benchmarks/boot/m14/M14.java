package io.modulemigrations.benchmarks.boot.m14;

/** Marks module m14 of the benchmark app (Spring Modulith finds modules by package). */
public final class M14 {

    private M14() {
    }
}
