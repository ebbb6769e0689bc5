package io.modulemigrations.benchmarks.boot.m04;

/** Marks module m04 of the benchmark app (Spring Modulith finds modules by package). */
public final class M04 {

    private M04() {
    }
}
