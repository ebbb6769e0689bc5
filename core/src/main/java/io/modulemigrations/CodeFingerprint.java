package io.modulemigrations;

import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.JavaMigration;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlMigrationSource;
import io.modulemigrations.sql.SqlResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * What decides the migrations a configuration discovers and whether they are valid, read without
 * discovering them: each location's {@link io.modulemigrations.sql.SqlMigrationSource#fingerprint fingerprint}
 * (a location without one, a directory, by the path and CRC-32 of each of its files, listed and read for it),
 * the migrations declared in code (an inline one's checksum; a Java one's, which needs its {@code up} recorded, is
 * compared apart, {@link #isRecorded}), the history table, the modules' declared dependencies and the fingerprints
 * of their sources, the links' tables and the scripts' names.
 *
 * @param value the fingerprint, compared with the one recorded with a checked history
 * @param declaredInCode the Java and inline SQL migrations built to know it, for discovery to take as they are
 * @param listed the files of the locations listed to know it, by location, for discovery to take as they are
 */
record CodeFingerprint(String value, List<LoadedMigration> declaredInCode, Map<String, List<SqlResource>> listed) {

    /**
     * The fingerprint, or null when a start has to discover the migrations anyway: a location whose files cannot be
     * listed or read, a migration declared in code that is not valid, a {@link DependsOnSource} without one, some
     * modules only, or checksums not validated.
     */
    static @Nullable CodeFingerprint of(Settings settings) {
        if (settings.modules() != null || !settings.validateChecksums()) {
            return null;
        }
        StringBuilder code = new StringBuilder("table ").append(settings.table()).append('\n');
        Map<String, Location> unlisted = new LinkedHashMap<>();
        for (String text : settings.locations()) {
            Location location;
            String fingerprint;
            try {
                location = Location.parse(text);
                fingerprint = settings.sqlMigrationSource().fingerprint(location);
            } catch (IllegalArgumentException e) {
                return null;
            }
            code.append("location ").append(text).append(' ').append(fingerprint != null ? fingerprint : "files").append('\n');
            if (fingerprint == null) {
                unlisted.put(text, location);
            }
        }
        // Most applications declare none: a restart then loads no class of the loader's.
        boolean inCode = !settings.annotatedMigrations().isEmpty() || !settings.explicitMigrations().isEmpty()
                || !settings.inlineSqlMigrations().isEmpty();
        List<LoadedMigration> declared = inCode ? MigrationLoader.declaredInCode(settings) : List.of();
        if (declared == null || declared.isEmpty() && settings.locations().isEmpty()) {
            return null;
        }
        for (LoadedMigration m : declared) {
            // A Java migration's checksum needs its up recorded: it is checked apart, and only against a record (see isRecorded).
            code.append("migration ").append(m.id()).append(' ').append(m.source()).append(' ').append(m.transactional());
            if (!(m instanceof JavaMigration)) {
                code.append(' ').append(m.currentChecksum());
            }
            code.append('\n');
        }
        for (Map.Entry<String, Set<String>> module : new TreeMap<>(settings.dependsOn()).entrySet()) {
            code.append("module ").append(module.getKey()).append(" depends on ").append(new TreeSet<>(module.getValue())).append('\n');
        }
        for (DependsOnSource source : settings.dependsOnSources()) {
            String fingerprint = source.fingerprint();
            if (fingerprint == null) {
                return null;
            }
            code.append("depends-on from ").append(source.getClass().getName()).append(' ').append(fingerprint).append('\n');
        }
        for (ModuleLink link : settings.links()) {
            code.append("link ").append(link.tableName()).append(' ').append(link).append('\n');
        }
        for (MigrationScript script : settings.scripts()) {
            code.append("script ").append(script.name()).append(' ').append(script.getClass().getName()).append('\n');
        }
        // Last, as the costliest part: nothing above can then make the read of a directory's files a read in vain.
        Map<String, List<SqlResource>> listed = new HashMap<>();
        for (Map.Entry<String, Location> location : unlisted.entrySet()) {
            List<SqlResource> files = listed(settings.sqlMigrationSource(), location.getValue());
            if (files == null) {
                return null;
            }
            listed.put(location.getKey(), files);
            code.append("files of ").append(location.getKey()).append('\n');
            for (SqlResource file : files) {
                code.append("file ").append(file.relativePath()).append(' ').append(file.crc32()).append('\n');
            }
        }
        return new CodeFingerprint(hash(code), declared, Map.copyOf(listed));
    }

    /**
     * A location's files, each with its CRC-32 (a directory's read for it, and kept for discovery to parse), in path
     * order; null when they cannot be listed or read, which discovery then reports.
     */
    private static @Nullable List<SqlResource> listed(SqlMigrationSource source, Location location) {
        List<SqlResource> files;
        try {
            files = new ArrayList<>(source.sqlFiles(location));
            for (SqlResource file : files) {
                file.crc32();
            }
        } catch (RuntimeException e) {
            return null;
        }
        files.sort(new ByPath());
        return files;
    }

    private static final class ByPath implements Comparator<SqlResource> {

        @Override
        public int compare(SqlResource a, SqlResource b) {
            int byPath = a.relativePath().compareTo(b.relativePath());
            return byPath != 0 ? byPath : Long.compare(a.crc32(), b.crc32());
        }
    }

    /**
     * What a check records as the code when it has proved the history as in it: the fingerprint, and after a
     * space the checksums of what the Java migrations' {@code up} issue, when there are any.
     */
    String recorded() {
        StringBuilder java = new StringBuilder();
        for (LoadedMigration m : declaredInCode) {
            if (m instanceof JavaMigration) {
                // Null when its up needs the database: then any recorded checksum is accepted, as a full read accepts it.
                java.append(m.id()).append(' ').append(m.currentChecksum()).append('\n');
            }
        }
        return java.isEmpty() ? value : value + " " + hash(java);
    }

    /**
     * Whether {@code recorded}, found with this fingerprint and the history as it is, is this code's: whether the
     * Java migrations issue what they did then. Their {@code up} is recorded only here, when every one of them
     * is applied (the record says so), never at a start that has a migration to apply.
     */
    boolean isRecorded(String recorded) {
        return recorded.equals(recorded());
    }

    private static String hash(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        Adler32 adler32 = new Adler32();
        adler32.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc32.getValue()) + ":" + Long.toHexString(adler32.getValue());
    }
}
