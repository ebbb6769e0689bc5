package io.modulemigrations.catalog;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writing SQL text: identifiers, literals, lower-case keywords, short type names. */
final class Sql {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** {@code (array[…])::type[]} over literals, as PostgreSQL deparses an {@code in} list. */
    private static final Pattern CAST_ARRAY = Pattern.compile("\\(array\\[((?:'(?:[^']|'')*'::[a-z ]+(?:, )?)+)\\]\\)::([a-z ]+)\\[\\]");
    /** A literal with a cast: {@code 'done'::character varying}. */
    private static final Pattern CAST_LITERAL = Pattern.compile("'(?:[^']|'')*'::[a-z ]+");

    /** PostgreSQL's reserved key words: a table or column with one of these names must be quoted. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation", "column",
            "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full",
            "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
            "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull",
            "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose",
            "when", "where", "window", "with");

    /** Type names as {@code format_type} writes them, and the shorter names people write. */
    private static final List<String[]> SHORT_TYPES = List.of(
            new String[] {"^character varying", "varchar"},
            new String[] {"^character(?=\\(|\\[|$)", "char"},
            new String[] {"^bit varying", "varbit"},
            new String[] {"^timestamp(\\(\\d+\\))? with time zone", "timestamptz$1"},
            new String[] {"^timestamp(\\(\\d+\\))? without time zone", "timestamp$1"},
            new String[] {"^time(\\(\\d+\\))? with time zone", "timetz$1"},
            new String[] {"^time(\\(\\d+\\))? without time zone", "time$1"});

    private Sql() {
    }

    /** An identifier, quoted only when it needs to be. */
    static String name(String identifier) {
        return PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier)
                ? identifier
                : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A comma-separated list of identifiers. */
    static String names(List<String> identifiers) {
        return String.join(", ", identifiers.stream().map(Sql::name).toList());
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * SQL as PostgreSQL deparses it ({@code CHECK ((price > 0))}, {@code CURRENT_TIMESTAMP}) with
     * everything outside string literals and quoted identifiers in lower case. Unquoted identifiers
     * are already lower case in deparsed SQL, so only keywords change.
     */
    static String lower(String sql) {
        if (sql == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /**
     * Deparsed SQL in the form PostgreSQL deparses it to again once it is applied. PostgreSQL
     * writes {@code col in ('a', 'b')} on a varchar column as
     * {@code (array['a'::character varying, 'b'::character varying])::text[]}; parsing that pushes
     * the cast into the elements, so the same constraint read back after it was applied says
     * {@code array[('a'::character varying)::text, ('b'::character varying)::text]}. Both snapshots
     * use this second form, so they compare equal and the SQL written from them is stable.
     */
    static String canonical(String sql) {
        if (sql == null || !sql.contains("(array[")) {
            return sql;
        }
        Matcher m = CAST_ARRAY.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> elements = splitTopLevel(m.group(1));
            String type = m.group(2);
            if (elements.stream().allMatch(e -> CAST_LITERAL.matcher(e).matches())) {
                m.appendReplacement(out, Matcher.quoteReplacement("array[" + String.join(", ",
                        elements.stream().map(e -> "(" + e + ")::" + type).toList()) + "]"));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Splits on {@code ", "} outside string literals. */
    private static List<String> splitTopLevel(String list) {
        List<String> parts = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == ',' && i + 1 < list.length() && list.charAt(i + 1) == ' ') {
                parts.add(list.substring(start, i));
                start = i + 2;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }

    /** A type from {@code format_type} as people write it: {@code varchar(200)}, {@code timestamptz}. */
    static String shortType(String formatted) {
        String type = formatted;
        for (String[] rule : SHORT_TYPES) {
            type = type.replaceFirst(rule[0], rule[1]);
        }
        return type;
    }

    /** Collapses runs of white space, so a multi-line definition fits on one line. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
