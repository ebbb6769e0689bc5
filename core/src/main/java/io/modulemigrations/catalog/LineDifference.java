package io.modulemigrations.catalog;

import java.util.List;

/**
 * How an actual snapshot differs from an expected one, as catalog lines.
 *
 * @param missing lines of the expected snapshot that the actual one lacks
 * @param unexpected lines of the actual snapshot that the expected one lacks
 */
public record LineDifference(List<String> missing, List<String> unexpected) {

    public LineDifference {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    /**
     * Tells whether the snapshots are the same.
     *
     * @return true when no line differs
     */
    public boolean isEmpty() {
        return missing.isEmpty() && unexpected.isEmpty();
    }

    /** The differing lines, {@code - } before a missing line and {@code + } before an unexpected one. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        missing.forEach(line -> sb.append("- ").append(line).append('\n'));
        unexpected.forEach(line -> sb.append("+ ").append(line).append('\n'));
        return sb.toString();
    }
}
