package io.modulemigrations.benchmarks.boot.m02;

/** Marks module m02 of the benchmark app (Spring Modulith finds modules by package). */
public final class M02 {

    private M02() {
    }
}
