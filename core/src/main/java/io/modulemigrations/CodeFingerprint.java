package io.modulemigrations;

import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.sql.Location;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * What decides the migrations a configuration discovers and whether they are valid, read without
 * discovering them: each location's {@link io.modulemigrations.sql.SqlMigrationSource#fingerprint fingerprint},
 * the history table, the modules' declared dependencies, the links' tables and the scripts' names.
 */
final class CodeFingerprint {

    private CodeFingerprint() {
    }

    /**
     * The fingerprint, or null when a start has to discover the migrations anyway: a location without a
     * fingerprint (a directory), Java or inline migrations (their checksums are known only by running them,
     * or they are not in an archive), some modules only, or checksums not validated.
     */
    static @Nullable String of(Settings settings) {
        if (!settings.annotatedMigrations().isEmpty() || !settings.explicitMigrations().isEmpty()
                || !settings.inlineSqlMigrations().isEmpty() || settings.modules() != null || !settings.validateChecksums()
                || settings.locations().isEmpty()) {
            return null;
        }
        StringBuilder code = new StringBuilder("table ").append(settings.table()).append('\n');
        for (String text : settings.locations()) {
            String fingerprint;
            try {
                fingerprint = settings.sqlMigrationSource().fingerprint(Location.parse(text));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (fingerprint == null) {
                return null;
            }
            code.append("location ").append(text).append(' ').append(fingerprint).append('\n');
        }
        for (Map.Entry<String, Set<String>> module : new TreeMap<>(settings.dependsOn()).entrySet()) {
            code.append("module ").append(module.getKey()).append(" depends on ").append(new TreeSet<>(module.getValue())).append('\n');
        }
        for (ModuleLink link : settings.links()) {
            code.append("link ").append(link.tableName()).append(' ').append(link).append('\n');
        }
        for (MigrationScript script : settings.scripts()) {
            code.append("script ").append(script.name()).append(' ').append(script.getClass().getName()).append('\n');
        }
        byte[] bytes = code.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        Adler32 adler32 = new Adler32();
        adler32.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc32.getValue()) + ":" + Long.toHexString(adler32.getValue());
    }
}
