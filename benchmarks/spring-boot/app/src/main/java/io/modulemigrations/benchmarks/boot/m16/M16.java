package io.modulemigrations.benchmarks.boot.m16;

/** Marks module m16 of the benchmark app (Spring Modulith finds modules by package). */
public final class M16 {

    private M16() {
    }
}
