package io.modulemigrations.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** SQL names: the allowed shape, quoting, and fitting into PostgreSQL's 63-byte identifiers. */
final class Identifiers {

    /** The shape of module, entity, column and table names. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** PostgreSQL's identifier limit (NAMEDATALEN - 1), in bytes. */
    static final int MAX_BYTES = 63;

    private static final int HASH_CHARS = 8;

    private Identifiers() {
    }

    /**
     * {@code name} itself when it fits; otherwise its first characters, an underscore and 8 hex
     * characters of the SHA-256 of {@code key}. The same input always gives the same name, and
     * distinct keys give distinct names (to 1 in 2^32). Names are ASCII, so characters are bytes.
     */
    static String fit(String name, String key) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        String prefix = name.substring(0, MAX_BYTES - HASH_CHARS - 1);
        while (prefix.endsWith("_")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "_" + sha256(key).substring(0, HASH_CHARS);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code "schema"."name"}, or {@code "name"} when no schema is configured (the current schema). */
    static String qualified(@Nullable String schema, String name) {
        return (schema == null ? "" : quote(schema) + ".") + quote(name);
    }

    static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value + "': expected [a-z][a-z0-9_]*");
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
