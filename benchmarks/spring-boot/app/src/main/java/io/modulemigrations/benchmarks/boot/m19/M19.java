package io.modulemigrations.benchmarks.boot.m19;

/** Marks module m19 of the benchmark app (Spring Modulith finds modules by package). */
public final class M19 {

    private M19() {
    }
}
