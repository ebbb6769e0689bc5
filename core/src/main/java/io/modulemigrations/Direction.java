package io.modulemigrations;

/** Which way a migration runs. */
public enum Direction {
    /** Applying: {@code up}. */
    UP,
    /** Rolling back: {@code down}. */
    DOWN
}
