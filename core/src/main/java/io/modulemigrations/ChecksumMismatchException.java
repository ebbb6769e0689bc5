package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import java.util.Map;
import java.util.stream.Collectors;

/** Applied migrations were edited after they ran; the run stopped before changing anything. */
public final class ChecksumMismatchException extends MigrationException {

    /**
     * @param recorded the checksum in the history
     * @param current  the checksum of the migration as it is now
     */
    public record Mismatch(String recorded, String current) {
    }

    private final Map<MigrationId, Mismatch> mismatches;

    public ChecksumMismatchException(Map<MigrationId, Mismatch> mismatches) {
        super(message(mismatches));
        this.mismatches = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(mismatches));
    }

    private static String message(Map<MigrationId, Mismatch> mismatches) {
        String list = new java.util.TreeMap<>(mismatches).entrySet().stream()
                .map(e -> "  - module " + e.getKey().module() + ", migration " + e.getKey().name()
                        + ": recorded checksum " + e.getValue().recorded() + ", now " + e.getValue().current())
                .collect(Collectors.joining("\n"));
        return "Applied migration(s) changed since they ran; nothing was run and the database is as it was:\n" + list
                + "\nNext: restore the original migration and put the change in a new migration; or, if the edit is"
                + " harmless (a comment, formatting), update the checksum in the history table to the new value; or set"
                + " validate-checksums to false.";
    }

    public Map<MigrationId, Mismatch> mismatches() {
        return mismatches;
    }
}
