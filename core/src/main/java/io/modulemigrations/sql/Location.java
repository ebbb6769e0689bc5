package io.modulemigrations.sql;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where SQL migrations live, as a user writes it: {@code classpath:db/migrations} (every classpath
 * root that has the folder; {@code classpath*:} means the same), {@code file:/srv/migrations} or
 * {@code filesystem:/srv/migrations} (a directory), or a bare path, which is a classpath location.
 */
public final class Location {

    /** The prefixes a location may have, as listed in messages. */
    public static final String SUPPORTED_PREFIXES = "classpath:, classpath*:, file:, filesystem:";

    private static final Pattern PREFIX = Pattern.compile("^([A-Za-z][A-Za-z0-9+.*-]*):");

    private final String text;
    private final boolean classpath;
    private final String path;

    private Location(String text, boolean classpath, String path) {
        this.text = text;
        this.classpath = classpath;
        this.path = path;
    }

    /**
     * Reads a location.
     *
     * @throws IllegalArgumentException the prefix is not one of {@link #SUPPORTED_PREFIXES}, or no folder is named;
     *                                  the message names the location
     */
    public static Location parse(String text) {
        Objects.requireNonNull(text, "location");
        Matcher m = PREFIX.matcher(text);
        String prefix = m.lookingAt() ? m.group(1) + ":" : "";
        String rest = text.substring(prefix.length());
        boolean classpath = switch (prefix) {
            case "", "classpath:", "classpath*:" -> true;
            case "file:", "filesystem:" -> false;
            default -> throw new IllegalArgumentException("location '" + text + "' has the unsupported prefix '" + prefix
                    + "'; the supported prefixes are " + SUPPORTED_PREFIXES + " (none means classpath:)");
        };
        String path = classpath ? strip(rest) : rest;
        if (path.isBlank()) {
            throw new IllegalArgumentException("location '" + text + "' names no folder; write e.g. "
                    + (classpath ? "classpath:db/migrations" : prefix + "/srv/migrations"));
        }
        return new Location(text, classpath, path);
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** Whether this is a classpath location (otherwise it is a directory on the file system). */
    public boolean isClasspath() {
        return classpath;
    }

    /**
     * The folder: for a classpath location the resource path without leading or trailing {@code /}
     * ({@code db/migrations}); for a file-system location the directory as written.
     */
    public String path() {
        return path;
    }

    /**
     * How a file below this location is named in messages: {@code classpath:db/migrations/blog/x.sql},
     * {@code file:/srv/migrations/blog/x.sql}.
     */
    public String source(String relativePath) {
        if (classpath) {
            return "classpath:" + path + "/" + relativePath;
        }
        String dir = text;
        while (dir.endsWith("/") && !dir.endsWith(":/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        return dir + "/" + relativePath;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Location l && l.classpath == classpath && l.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classpath, path);
    }

    /** The location as written. */
    @Override
    public String toString() {
        return text;
    }
}
