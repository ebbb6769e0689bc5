package io.modulemigrations.benchmarks.boot.m09;

/** Marks module m09 of the benchmark app (Spring Modulith finds modules by package). */
public final class M09 {

    private M09() {
    }
}
