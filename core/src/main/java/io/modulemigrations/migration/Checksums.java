package io.modulemigrations.migration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Checksums of migrations, as 8 hex digits. A SQL file's is the CRC-32 of its text's UTF-8 bytes with
 * line endings normalised and a byte order mark dropped: for a file without either, that is the CRC-32
 * a jar's directory already holds for it, so an unchanged file in a jar is checked without being read.
 * A Java migration's is the CRC32C of the statements it issues.
 */
public final class Checksums {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private Checksums() {
    }

    /** The checksum of a SQL file's text, with line endings normalised and a byte order mark dropped. */
    public static String ofText(String text) {
        CRC32 crc = new CRC32();
        crc.update(normalised(text).getBytes(StandardCharsets.UTF_8));
        return hex(crc.getValue());
    }

    /**
     * Whether {@code recorded} is the checksum of this SQL file's text, also in the form earlier
     * builds recorded (CRC32C), so that a history they wrote stays valid.
     */
    public static boolean isOfText(String recorded, String text) {
        if (recorded.equals(ofText(text))) {
            return true;
        }
        CRC32C crc = new CRC32C();
        crc.update(normalised(text).getBytes(StandardCharsets.UTF_8));
        return recorded.equals(hex(crc.getValue()));
    }

    /** The checksum of the statements a Java migration issued, in order. */
    public static String ofStatements(List<String> statements) {
        return hex(crcOfStatements(statements));
    }

    /** {@link #ofStatements} before it is written as hex digits. */
    public static long crcOfStatements(List<String> statements) {
        CRC32C crc = new CRC32C();
        crc.update(String.join("\n;\n", statements).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** Whether {@code recorded} is {@code crc} as 8 hex digits, {@link #hex} (compared without building the string). */
    public static boolean isCrc(String recorded, long crc) {
        return recorded.length() == 8 && isCrcAt(recorded, 0, crc);
    }

    /** Whether {@code text} holds {@code crc} as 8 hex digits, {@link #hex}, at {@code at}. */
    public static boolean isCrcAt(String text, int at, long crc) {
        if (at < 0 || at + 8 > text.length()) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (text.charAt(at + i) != HEX[(int) ((crc >>> (28 - 4 * i)) & 0xF)]) {
                return false;
            }
        }
        return true;
    }

    /** A CRC as 8 hex digits. */
    public static String hex(long crc) {
        // By hand: a start with nothing pending formats one per migration.
        byte[] digits = new byte[8];
        for (int i = 7; i >= 0; i--) {
            digits[i] = HEX[(int) (crc & 0xF)];
            crc >>>= 4;
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    private static String normalised(String text) {
        String normalised = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        return normalised.startsWith("\uFEFF") ? normalised.substring(1) : normalised;
    }
}
