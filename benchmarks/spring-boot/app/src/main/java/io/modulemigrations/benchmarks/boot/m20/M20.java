package io.modulemigrations.benchmarks.boot.m20;

/** Marks module m20 of the benchmark app (Spring Modulith finds modules by package). */
public final class M20 {

    private M20() {
    }
}
