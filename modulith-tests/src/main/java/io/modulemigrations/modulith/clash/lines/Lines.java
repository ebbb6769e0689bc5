package io.modulemigrations.modulith.clash.lines;

/** A type, so the module is not empty. */
public record Lines(int count) {
}
