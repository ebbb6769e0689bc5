package io.modulemigrations.sql;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * A value that changes whenever any entry of a zip archive (a jar) changes: two checksums of its central
 * directory, which holds every entry's name, size, CRC-32 and place in the archive. Reading it costs one
 * read of the directory, however many entries the archive has; listing the entries costs an object each.
 */
public final class ArchiveFingerprint {

    private static final int END_SIZE = 22;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int MAX_COMMENT = 0xFFFF;

    private ArchiveFingerprint() {
    }

    /**
     * The fingerprint of the archive a {@code jar:} URL points into: {@code jar:file:/app/lib.jar!/db/migrations}
     * or Spring Boot's {@code jar:nested:/app/app.jar/!BOOT-INF/classes/!/db/migrations} (the outer archive,
     * whose directory holds the CRC-32 of each nested jar). Null for anything else (a directory, a native
     * image's resources) or an archive this cannot read (zip64): the caller then lists the files.
     */
    public static @Nullable String of(URL root) {
        if (!"jar".equals(root.getProtocol())) {
            return null;
        }
        String inner = root.getPath();
        try {
            Path archive;
            if (inner.startsWith("file:")) {
                int end = inner.indexOf("!/");
                archive = Path.of(new URI(end < 0 ? inner : inner.substring(0, end)));
            } else if (inner.startsWith("nested:")) {
                int end = inner.indexOf("/!");
                String path = end < 0 ? inner.substring("nested:".length()) : inner.substring("nested:".length(), end);
                archive = Path.of(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8));
            } else {
                return null;
            }
            return ofArchive(archive);
        } catch (URISyntaxException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    /**
     * The fingerprints of the archives of every root of a location ({@link #of(URL)}), each root once, or null
     * when there is no root or some root is not in an archive.
     */
    public static @Nullable String ofRoots(List<URL> roots) {
        StringBuilder fingerprint = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (URL root : roots) {
            if (seen.add(root.toExternalForm())) {
                String archive = of(root);
                if (archive == null) {
                    return null;
                }
                fingerprint.append(archive).append(' ');
            }
        }
        return seen.isEmpty() ? null : fingerprint.toString();
    }

    /** The fingerprint of the zip archive at {@code archive}, or null when it is not one this can read (zip64). */
    static @Nullable String ofArchive(Path archive) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "r")) {
            long length = file.length();
            int tailLength = (int) Math.min(length, END_SIZE + MAX_COMMENT);
            byte[] tail = new byte[tailLength];
            file.seek(length - tailLength);
            file.readFully(tail);
            int end = endRecord(tail);
            if (end < 0) {
                return null;
            }
            int entries = u16(tail, end + 10);
            long directorySize = u32(tail, end + 12);
            if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directorySize > length) {
                return null;
            }
            // The directory ends where the end record starts; its recorded offset is off when the archive
            // has something in front of it (a launch script), so it is not used.
            long directoryStart = length - tailLength + end - directorySize;
            if (directoryStart < 0) {
                return null;
            }
            byte[] directory = new byte[(int) directorySize];
            file.seek(directoryStart);
            file.readFully(directory);
            CRC32 crc32 = new CRC32();
            crc32.update(directory);
            // Not CRC-32C: its class builds tables when first used, the only use an up-to-date start would have.
            Adler32 adler32 = new Adler32();
            adler32.update(directory);
            return "zip:" + entries + ":" + directorySize + ":" + Long.toHexString(crc32.getValue()) + ":"
                    + Long.toHexString(adler32.getValue());
        }
    }

    /** Where the end-of-central-directory record starts in {@code tail}, the archive's last bytes, or -1. */
    private static int endRecord(byte[] tail) {
        for (int i = tail.length - END_SIZE; i >= 0; i--) {
            if (u32(tail, i) == END_SIGNATURE && i + END_SIZE + u16(tail, i + 20) == tail.length) {
                return i;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
    }
}
