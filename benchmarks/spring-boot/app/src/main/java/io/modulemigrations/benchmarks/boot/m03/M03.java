package io.modulemigrations.benchmarks.boot.m03;

/** Marks module m03 of the benchmark app (Spring Modulith finds modules by package). */
public final class M03 {

    private M03() {
    }
}
