package io.modulemigrations.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * A SQL file found below a {@link Location}. Its bytes are read the first time its {@link #text()} or
 * {@link #bytes()} is asked for: a start with nothing to run needs no more than a file's name and, where
 * the place it comes from already holds it (a jar's directory), the {@link #knownCrc32() CRC-32} of its bytes.
 */
public final class SqlResource {

    /** A file's bytes, read only when they are needed. */
    @FunctionalInterface
    public interface Content {
        byte[] bytes() throws IOException;
    }

    /** {@link #knownCrc32()} when the CRC-32 is not known without reading the file. */
    public static final long UNKNOWN_CRC = -1;

    private final @Nullable Location location;
    private @Nullable String source;
    private final String relativePath;
    private final Content content;
    private final long knownCrc32;
    private volatile byte @Nullable [] bytes;
    private volatile @Nullable String text;
    private volatile long computedCrc32 = UNKNOWN_CRC;

    // A location's file names its source when a message asks: a start builds none.
    private SqlResource(@Nullable Location location, @Nullable String source, String relativePath, Content content, long knownCrc32) {
        this.location = location;
        this.source = source;
        this.relativePath = relativePath;
        this.content = content;
        this.knownCrc32 = knownCrc32;
    }

    /** A file whose bytes {@code content} reads when they are first needed. */
    public static SqlResource of(Location location, String relativePath, Content content) {
        return of(location, relativePath, content, UNKNOWN_CRC);
    }

    /**
     * A file whose bytes {@code content} reads when they are first needed, and whose bytes' CRC-32 is
     * already known (for a jar entry, {@link java.util.zip.ZipEntry#getCrc()}: the zip directory holds it).
     */
    public static SqlResource of(Location location, String relativePath, Content content, long crc32) {
        return new SqlResource(location, null, relativePath, content, crc32);
    }

    /** A migration's text given in code rather than read from a file; {@code source} names it in messages. */
    public static SqlResource ofText(String source, String relativePath, String text) {
        SqlResource resource = new SqlResource(null, source, relativePath, () -> text.getBytes(StandardCharsets.UTF_8), UNKNOWN_CRC);
        resource.text = text;
        return resource;
    }

    /** Where it is, for messages: the location plus the relative path. */
    public String source() {
        String named = source;
        if (named == null) {
            named = Objects.requireNonNull(location).source(relativePath);
            source = named;
        }
        return named;
    }

    /** The path below the location, with {@code /} separators, e.g. {@code blog/Migration202507021059.sql}. */
    public String relativePath() {
        return relativePath;
    }

    /** The CRC-32 of the file's bytes as its source already knew it, or {@link #UNKNOWN_CRC}. */
    public long knownCrc32() {
        return knownCrc32;
    }

    /**
     * The CRC-32 of the file's bytes: the {@link #knownCrc32() known} one, else computed from the bytes once.
     *
     * @throws UncheckedIOException the file could not be read
     */
    public long crc32() {
        if (knownCrc32 != UNKNOWN_CRC) {
            return knownCrc32;
        }
        long computed = computedCrc32;
        if (computed == UNKNOWN_CRC) {
            CRC32 crc = new CRC32();
            crc.update(bytes());
            computed = crc.getValue();
            computedCrc32 = computed;
        }
        return computed;
    }

    /**
     * The file's bytes, read on the first call.
     *
     * @throws UncheckedIOException the file could not be read
     */
    public byte[] bytes() {
        byte[] read = bytes;
        if (read == null) {
            try {
                read = content.bytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read SQL migration " + source() + ": " + e.getMessage(), e);
            }
            bytes = read;
        }
        return read;
    }

    /**
     * The file's text, decoded strictly as UTF-8 without a byte order mark, on the first call.
     *
     * @throws InvalidSqlMigrationException its bytes are not UTF-8; the message names the file, line and byte offset
     * @throws UncheckedIOException the file could not be read
     */
    public String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = decode(source(), bytes());
            text = decoded;
        }
        return decoded;
    }

    @Override
    public String toString() {
        return source();
    }

    /**
     * Whether a file belongs in a location's listing: a name ending in {@code .sql} in any case, or starting
     * with {@code migration} in any case ({@code Migration202601010001.SQL}, {@code migration2026….sql},
     * {@code Migration202601010001.sql.bak}), so that a near miss is refused rather than ignored. Hidden names
     * ({@code .}-prefixed) and anything else ({@code README.md}) are not listed.
     */
    public static boolean isListed(String fileName) {
        return isListed(fileName, 0);
    }

    /** {@link #isListed(String)} for the file name that starts at {@code from} in {@code path}. */
    public static boolean isListed(String path, int from) {
        return !path.startsWith(".", from) && (path.regionMatches(true, path.length() - 4, ".sql", 0, 4)
                || path.regionMatches(true, from, "migration", 0, 9));
    }

    /**
     * Whether a path below a location passes through a hidden ({@code .}-prefixed) folder or names a hidden
     * file: such entries are skipped, as Kubernetes' {@code ..data} and {@code ..<timestamp>} in a ConfigMap mount.
     */
    public static boolean isHidden(String relativePath) {
        return relativePath.startsWith(".") || relativePath.contains("/.");
    }

    /**
     * Whether the file name that starts at {@code from} in {@code path} has the exact form of a SQL
     * migration file's: ends in {@code .sql}, lower case, and is not hidden.
     */
    public static boolean isSqlFileName(String path, int from) {
        return path.endsWith(".sql") && !path.startsWith(".", from);
    }

    /**
     * Decodes a SQL file strictly as UTF-8, dropping a byte order mark.
     *
     * @throws InvalidSqlMigrationException at the first byte that is not UTF-8, naming line and byte offset
     */
    public static String decode(String source, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            StringBuilder shown = new StringBuilder();
            for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, result.length())); i++) {
                shown.append(shown.isEmpty() ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
            }
            throw new InvalidSqlMigrationException(source, "line " + line + ", byte offset " + offset + " (byte " + (offset - lineStart + 1)
                    + " of the line): " + shown + " is not UTF-8. SQL migration files are read as UTF-8 (a byte order mark is allowed),"
                    + " so that no byte is silently changed; the file was not run. Save it as UTF-8 (e.g. iconv -f ISO-8859-1 -t UTF-8),"
                    + " then start again.");
        }
        out.flip();
        return out.toString();
    }
}
