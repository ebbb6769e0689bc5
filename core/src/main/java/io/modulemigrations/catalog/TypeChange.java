package io.modulemigrations.catalog;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column's type change: whether it needs {@code using} and whether every value survives it. */
final class TypeChange {

    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?( with time zone)?(\\[\\])?");
    private static final Set<String> STRINGS = Set.of("text", "varchar", "char", "bpchar", "name", "citext");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Set<String> NUMBERS = Set.of("smallint", "integer", "bigint", "numeric", "real", "double precision");
    private static final Set<String> TIMES = Set.of("date", "timestamp", "timestamptz");
    /** Decimal digits an integer type can hold. */
    private static final int[] INTEGER_DIGITS = {5, 10, 19};

    private final Parsed from;
    private final Parsed to;

    TypeChange(String from, String to) {
        this.from = Parsed.of(from);
        this.to = Parsed.of(to);
    }

    /**
     * Whether PostgreSQL needs {@code using} to convert: it does not when an assignment cast exists
     * (between string types, between number types, between date and time stamps, to any string
     * type, or a change of length or precision only).
     */
    boolean needsUsing() {
        if (from == null || to == null || from.array != to.array) {
            return true;
        }
        return !(from.base.equals(to.base) || STRINGS.contains(to.base)
                || NUMBERS.contains(from.base) && NUMBERS.contains(to.base)
                || TIMES.contains(from.base) && TIMES.contains(to.base));
    }

    /** Whether every value of the old type converts to the new one without loss or failure. */
    boolean lossless() {
        if (from == null || to == null || from.array != to.array) {
            return false;
        }
        if (to.base.equals("text") || to.base.equals("varchar") && to.length == null) {
            return true;
        }
        if (from.base.equals(to.base)) {
            return switch (from.base) {
                case "numeric" -> to.length == null || from.length != null && to.scale >= from.scale
                        && to.length - to.scale >= from.length - from.scale;
                case "timestamp", "timestamptz", "time", "timetz", "interval" ->
                        to.length == null || from.length != null && to.length >= from.length;
                default -> to.length == null || from.length != null && to.length >= from.length;
            };
        }
        if (STRINGS.contains(from.base) && to.base.equals("varchar")) {
            return from.length != null && to.length >= from.length && !from.base.equals("char");
        }
        int fromInteger = INTEGERS.indexOf(from.base);
        if (fromInteger >= 0) {
            int toInteger = INTEGERS.indexOf(to.base);
            if (toInteger >= 0) {
                return toInteger >= fromInteger;
            }
            if (to.base.equals("numeric")) {
                return to.length == null || to.length - to.scale >= INTEGER_DIGITS[fromInteger];
            }
            return false;
        }
        return from.base.equals("real") && to.base.equals("double precision")
                || from.base.equals("date") && (to.base.equals("timestamp") || to.base.equals("timestamptz"))
                || from.base.equals("timestamp") && to.base.equals("timestamptz");
    }

    /** A type split into base name, length or precision, scale, and whether it is an array. */
    private record Parsed(String base, Integer length, int scale, boolean array) {

        static Parsed of(String type) {
            Matcher m = TYPE.matcher(type);
            if (!m.matches()) {
                return null;
            }
            String base = m.group(1).strip();
            if (m.group(4) != null) {
                base = base + "tz";
            }
            return new Parsed(base, m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(5) != null);
        }
    }
}
