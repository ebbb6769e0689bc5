package io.modulemigrations.benchmarks.boot.m01;

/** Marks module m01 of the benchmark app (Spring Modulith finds modules by package). */
public final class M01 {

    private M01() {
    }
}
