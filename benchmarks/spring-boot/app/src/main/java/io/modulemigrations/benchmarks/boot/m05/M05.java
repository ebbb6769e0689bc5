package io.modulemigrations.benchmarks.boot.m05;

/** Marks module m05 of the benchmark app (Spring Modulith finds modules by package). */
public final class M05 {

    private M05() {
    }
}
