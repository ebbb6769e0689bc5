package io.modulemigrations.sql;

/**
 * A SQL file found below a {@link Location}.
 *
 * @param source       where it is, for messages: the location plus the relative path
 * @param relativePath the path below the location, with {@code /} separators, e.g. {@code blog/Migration202507021059.sql}
 * @param text         the file's text
 */
public record SqlResource(String source, String relativePath, String text) {
}
