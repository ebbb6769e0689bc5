package io.modulemigrations.benchmarks.boot.m07;

/** Marks module m07 of the benchmark app (Spring Modulith finds modules by package). */
public final class M07 {

    private M07() {
    }
}
