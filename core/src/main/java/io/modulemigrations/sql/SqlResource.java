package io.modulemigrations.sql;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A SQL file found below a {@link Location}.
 *
 * @param source       where it is, for messages: the location plus the relative path
 * @param relativePath the path below the location, with {@code /} separators, e.g. {@code blog/Migration202507021059.sql}
 * @param text         the file's text, decoded strictly as UTF-8 without a byte order mark; empty for a file
 *                     whose name only looks like a migration's ({@link #read}), which is refused by its name unread
 */
public record SqlResource(String source, String relativePath, String text) {

    /** A file's bytes, read only when they are needed. */
    @FunctionalInterface
    public interface Content {
        byte[] bytes() throws IOException;
    }

    /**
     * Whether a file belongs in a location's listing: a name ending in {@code .sql} in any case, or starting
     * with {@code migration} in any case ({@code Migration202601010001.SQL}, {@code migration2026….sql},
     * {@code Migration202601010001.sql.bak}), so that a near miss is refused rather than ignored. Hidden names
     * ({@code .}-prefixed) and anything else ({@code README.md}) are not listed.
     */
    public static boolean isListed(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return !fileName.startsWith(".") && (lower.endsWith(".sql") || lower.startsWith("migration"));
    }

    /**
     * Whether a path below a location passes through a hidden ({@code .}-prefixed) folder or names a hidden
     * file: such entries are skipped, as Kubernetes' {@code ..data} and {@code ..<timestamp>} in a ConfigMap mount.
     */
    public static boolean isHidden(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a file name has the exact form of a SQL migration file's: ends in {@code .sql}, lower case. */
    public static boolean isSqlFileName(String fileName) {
        return fileName.endsWith(".sql") && !fileName.startsWith(".");
    }

    /**
     * A {@link #isListed listed} file: decoded when its name ends in {@code .sql}, otherwise listed unread
     * (with empty text) so that the loader refuses its name.
     *
     * @throws InvalidSqlMigrationException its bytes are not UTF-8; the message names the file, line and byte offset
     */
    public static SqlResource read(Location location, String relativePath, Content content) throws IOException {
        String source = location.source(relativePath);
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return new SqlResource(source, relativePath, isSqlFileName(name) ? decode(source, content.bytes()) : "");
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
