package io.modulemigrations.benchmarks.boot.m13;

/** Marks module m13 of the benchmark app (Spring Modulith finds modules by package). */
public final class M13 {

    private M13() {
    }
}
