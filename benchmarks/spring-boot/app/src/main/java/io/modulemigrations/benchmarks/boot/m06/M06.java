package io.modulemigrations.benchmarks.boot.m06;

/** Marks module m06 of the benchmark app (Spring Modulith finds modules by package). */
public final class M06 {

    private M06() {
    }
}
