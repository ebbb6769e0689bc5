package io.modulemigrations.benchmarks.boot.m08;

/** Marks module m08 of the benchmark app (Spring Modulith finds modules by package). */
public final class M08 {

    private M08() {
    }
}
