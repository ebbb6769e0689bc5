package io.modulemigrations.migration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/** Checksums of migration text: CRC32C of the UTF-8 bytes, as 8 hex digits. */
public final class Checksums {

    private Checksums() {
    }

    /** The checksum of a SQL file's text, with line endings normalised and a byte order mark dropped. */
    public static String ofText(String text) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        return hex(normalised);
    }

    /** The checksum of the statements a Java migration issued, in order. */
    public static String ofStatements(List<String> statements) {
        return hex(String.join("\n;\n", statements));
    }

    private static String hex(String s) {
        CRC32C crc = new CRC32C();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "00000000".substring(hex.length()) + hex;
    }
}
