package io.modulemigrations.benchmarks.boot.m12;

/** Marks module m12 of the benchmark app (Spring Modulith finds modules by package). */
public final class M12 {

    private M12() {
    }
}
