package io.modulemigrations;

import io.modulemigrations.migration.Checksums;
import io.modulemigrations.migration.LoadedMigration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The history a start expects when everything is applied, as the server compares it: the code's
 * migrations listed as {@code module/name/checksum} in byte order, comma-separated, each checksum the
 * CRC its file most likely has. Module then name order is that byte order: names are ASCII, and
 * {@code /} sorts before every character a module or migration name may hold. The server does the
 * comparison ({@link io.modulemigrations.history.HistoryTable#selectSchemaAndWhetherListed}) and
 * answers yes or no, so a start decodes no row of the history.
 */
final class CodeChecksums {

    private final int count;
    private final String listed;

    private CodeChecksums(int count, String listed) {
        this.count = count;
        this.listed = listed;
    }

    /**
     * The code's side, or null when some migration's checksum cannot be known without running it (a
     * Java migration). {@code migrations} is in module order and each list in name order, as the
     * loader keeps them.
     */
    static @Nullable CodeChecksums of(Map<String, List<LoadedMigration>> migrations) {
        StringBuilder listed = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, List<LoadedMigration>> module : migrations.entrySet()) {
            for (LoadedMigration migration : module.getValue()) {
                if (!append(listed, module.getKey(), migration)) {
                    return null;
                }
                count++;
            }
        }
        return new CodeChecksums(count, listed.toString());
    }

    // One call per migration, so the JIT compiles it early: the loops above run once per start, interpreted.
    private static boolean append(StringBuilder listed, String module, LoadedMigration migration) {
        long crc = migration.likelyChecksumCrc();
        if (crc < 0) {
            return false;
        }
        if (!listed.isEmpty()) {
            listed.append(',');
        }
        listed.append(module).append('/').append(migration.name()).append('/');
        Checksums.appendHex(listed, crc);
        return true;
    }

    /** How many migrations the code has. */
    int count() {
        return count;
    }

    /** Every migration as {@code module/name/checksum}, comma-separated, in order. */
    String listed() {
        return listed;
    }
}
