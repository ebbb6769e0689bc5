package io.modulemigrations;

import io.modulemigrations.migration.Checksums;
import io.modulemigrations.migration.LoadedMigration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The code's migrations as a start compares them with the history read as one value: every
 * {@code module/name:checksum} line, in whatever order the table holds them (no sort on the server),
 * against the code's migrations and the CRCs their checksums most likely are. Equal only when every
 * line is a distinct migration of the code with that checksum and no migration of the code is left.
 */
final class HistoryDigest {

    private final String[] modules;
    private final List<LoadedMigration>[] lists;
    private final int[] offsets;
    private final long[] crcs;

    private HistoryDigest(String[] modules, List<LoadedMigration>[] lists, int[] offsets, long[] crcs) {
        this.modules = modules;
        this.lists = lists;
        this.offsets = offsets;
        this.crcs = crcs;
    }

    /** The code's side, or null when some migration's checksum cannot be known without running it (a Java migration). */
    @SuppressWarnings("unchecked")
    static @Nullable HistoryDigest of(Map<String, List<LoadedMigration>> migrations) {
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
                long crc = lists[k].get(i).likelyChecksumCrc();
                if (crc < 0) {
                    return null;
                }
                crcs[offsets[k] + i] = crc;
            }
        }
        return new HistoryDigest(modules, lists, offsets, crcs);
    }

    /** Whether {@code digest} (lines joined by {@code '\n'}) is exactly the code's migrations with these checksums. */
    boolean matches(String digest) {
        boolean[] seen = new boolean[crcs.length];
        int[] next = new int[modules.length];
        int matched = 0;
        int k = -1;
        int at = 0;
        int length = digest.length();
        while (at < length) {
            int end = digest.indexOf('\n', at);
            end = end < 0 ? length : end;
            int slash = digest.indexOf('/', at);
            int colon = slash < 0 ? -1 : digest.indexOf(':', slash);
            if (slash < 0 || colon < 0 || colon > end || end - colon - 1 != 8) {
                return false;
            }
            if (k < 0 || !isRegion(digest, at, slash, modules[k])) {
                k = module(digest, at, slash);
                if (k < 0) {
                    return false;
                }
            }
            int i = migration(digest, slash + 1, colon, k, next[k]);
            if (i < 0 || seen[offsets[k] + i] || !Checksums.isCrcAt(digest, colon + 1, crcs[offsets[k] + i])) {
                return false;
            }
            seen[offsets[k] + i] = true;
            next[k] = i + 1;
            matched++;
            at = end + 1;
        }
        return matched == crcs.length;
    }

    /** The index of the module named by the region ({@link #modules} are in {@link String#compareTo} order, as a TreeMap keeps them). */
    private int module(String digest, int from, int to) {
        return search(digest, from, to, modules.length, k -> modules[k]);
    }

    /** The index in module {@code k} of the migration named by the region, trying {@code likely} first (the table's order is usually the code's). */
    private int migration(String digest, int from, int to, int k, int likely) {
        List<LoadedMigration> list = lists[k];
        if (likely < list.size() && isRegion(digest, from, to, list.get(likely).name())) {
            return likely;
        }
        return search(digest, from, to, list.size(), i -> list.get(i).name());
    }

    /** Binary search of the region among {@code size} names in {@link String#compareTo} order; -1 when absent. */
    private static int search(String digest, int from, int to, int size, IntFunction<String> name) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compareRegion(digest, from, to, name.apply(mid));
            if (c == 0) {
                return mid;
            }
            if (c > 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    private static boolean isRegion(String text, int from, int to, String part) {
        return to - from == part.length() && text.startsWith(part, from);
    }

    /** The region of {@code text} compared with {@code other} as {@link String#compareTo} compares. */
    private static int compareRegion(String text, int from, int to, String other) {
        int n = Math.min(to - from, other.length());
        for (int i = 0; i < n; i++) {
            int d = text.charAt(from + i) - other.charAt(i);
            if (d != 0) {
                return d;
            }
        }
        return (to - from) - other.length();
    }
}
