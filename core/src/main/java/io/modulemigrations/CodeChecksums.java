package io.modulemigrations;

import io.modulemigrations.migration.Checksums;
import io.modulemigrations.migration.JavaMigration;
import io.modulemigrations.migration.LoadedMigration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The code's migrations as a start compares them with the history's rows: every module, name and
 * checksum, in whatever order the table holds them (no sort on the server), against the code's
 * migrations and the CRCs their checksums most likely are (a Java migration's asked for when a row names
 * it, so that no pending one's {@code up} is recorded). Equal only when every row is a distinct
 * migration of the code with that checksum and no migration of the code is left. No object is made
 * per row beyond the driver's strings.
 */
final class CodeChecksums {

    /** A Java migration's CRC until a row of the history names it: it needs its {@code up} recorded. */
    private static final long NOT_YET = -2;

    /** In {@link String#compareTo} order, as the loader's sorted map keeps them; each list sorted by name the same way. */
    private final String[] modules;
    private final List<LoadedMigration>[] lists;
    private final int[] offsets;
    private final long[] crcs;
    /** The history's digest, when the rows were read with it ({@link io.modulemigrations.history.HistoryTable#checksums(java.sql.Connection,
     * io.modulemigrations.history.HistoryTable.RowsTest, boolean)}) and {@link #matches} read that far. */
    private @Nullable String digest;

    private CodeChecksums(String[] modules, List<LoadedMigration>[] lists, int[] offsets, long[] crcs) {
        this.modules = modules;
        this.lists = lists;
        this.offsets = offsets;
        this.crcs = crcs;
    }

    /** The code's side. A Java migration whose {@code up} needs the database matches any checksum, as {@link LoadedMigration#hasChecksum} does. */
    @SuppressWarnings("unchecked")
    static CodeChecksums of(Map<String, List<LoadedMigration>> migrations) {
        String[] modules = migrations.keySet().toArray(new String[0]);
        List<LoadedMigration>[] lists = new List[modules.length];
        int[] offsets = new int[modules.length + 1];
        for (int k = 0; k < modules.length; k++) {
            lists[k] = migrations.get(modules[k]);
            offsets[k + 1] = offsets[k] + lists[k].size();
        }
        long[] crcs = new long[offsets[modules.length]];
        for (int k = 0; k < modules.length; k++) {
            for (int i = 0; i < lists[k].size(); i++) {
                LoadedMigration m = lists[k].get(i);
                crcs[offsets[k] + i] = m instanceof JavaMigration ? NOT_YET : m.likelyChecksumCrc();
            }
        }
        return new CodeChecksums(modules, lists, offsets, crcs);
    }

    /**
     * Whether {@code rows} (module, name, checksum) are exactly the code's migrations with these
     * checksums. Reads the rows until the first that differs.
     */
    boolean matches(ResultSet rows) throws SQLException {
        boolean[] seen = new boolean[crcs.length];
        int[] next = new int[modules.length];
        int matched = 0;
        int k = -1;
        boolean withDigest = rows.getMetaData().getColumnCount() == 4;
        while (rows.next()) {
            String module = rows.getString(1);
            if (module == null && withDigest) {
                digest = rows.getString(4);
                continue;
            }
            k = match(module, rows.getString(2), rows.getString(3), k, seen, next);
            if (k < 0) {
                return false;
            }
            matched++;
        }
        return matched == crcs.length;
    }

    /** The digest of the rows {@link #matches} read, when they came with one. */
    @Nullable String digest() {
        return digest;
    }

    /**
     * Matches one row, {@code k} being the module of the row before (-1: none): the row's module, or -1
     * when the row is not a migration of the code with its checksum, or one seen already. One call per
     * row, so the JIT compiles it early: the loop above runs once per start, interpreted.
     */
    private int match(@Nullable String module, @Nullable String name, @Nullable String checksum, int k, boolean[] seen, int[] next) {
        if (module == null || name == null || checksum == null || checksum.length() != 8) {
            return -1;
        }
        if (k < 0 || !modules[k].equals(module)) {
            k = Arrays.binarySearch(modules, module);
            if (k < 0) {
                return -1;
            }
        }
        int i = migration(name, k, next[k]);
        if (i < 0 || seen[offsets[k] + i]) {
            return -1;
        }
        long crc = crcs[offsets[k] + i];
        if (crc == NOT_YET) {
            crc = lists[k].get(i).likelyChecksumCrc();
            crcs[offsets[k] + i] = crc;
        }
        if (crc >= 0 && !Checksums.isCrcAt(checksum, 0, crc)) {
            return -1;
        }
        seen[offsets[k] + i] = true;
        next[k] = i + 1;
        return k;
    }

    /** The index in module {@code k} of the migration {@code name}, trying {@code likely} first (the table's order is usually the code's). */
    private int migration(String name, int k, int likely) {
        List<LoadedMigration> list = lists[k];
        if (likely < list.size() && list.get(likely).name().equals(name)) {
            return likely;
        }
        return MigrationLoader.indexOf(list, name);
    }
}
