package io.modulemigrations.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lexical helpers for PostgreSQL scripts: splitting a script into statements and telling whether a
 * statement may return rows.
 *
 * <p>Both methods understand the parts of PostgreSQL's lexical syntax in which a {@code ;} or a
 * keyword does not count: single-quoted strings ({@code ''} escapes), {@code E'...'} strings
 * (backslash escapes), double-quoted identifiers ({@code ""} escapes), dollar quoting
 * ({@code $$...$$}, {@code $tag$...$tag$}), {@code --} line comments and nested {@code /* ... *}{@code /}
 * block comments. Plain strings follow {@code standard_conforming_strings = on}, PostgreSQL's
 * default since 9.1. Both run in time linear in the length of the text.
 *
 * <p>Unterminated quotes and comments are not rejected here: they run to the end of the text, and
 * the database reports the syntax error when the statement is executed.
 */
public final class SqlStatements {

    private static final Set<String> ROW_RETURNING_FIRST_KEYWORDS =
            Set.of("select", "with", "values", "show", "explain", "table", "fetch", "call");

    private SqlStatements() {
    }

    /**
     * Splits a script into its statements on top-level semicolons.
     *
     * @param sql a PostgreSQL script
     * @return the statements in order, each trimmed and without its terminating {@code ;}; comments
     *     stay as written; statements holding only comments and whitespace are left out
     */
    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int length = sql.length();
        int start = 0;
        boolean hasCode = false;
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            int end = skipQuotedOrComment(sql, i);
            if (end > i) {
                hasCode |= !isCommentStart(c);
                if (end == length && c == '/' && blockCommentEnd(sql, i + 2) < 0) {
                    // An unclosed block comment is kept, so that the database reports it instead of
                    // the SQL after it being silently lost.
                    hasCode = true;
                }
                i = end;
            } else if (c == ';') {
                if (hasCode) {
                    statements.add(sql.substring(start, i).strip());
                }
                start = i + 1;
                hasCode = false;
                i++;
            } else {
                hasCode |= !Character.isWhitespace(c);
                i++;
            }
        }
        if (hasCode) {
            statements.add(sql.substring(start).strip());
        }
        return statements;
    }

    /**
     * Tells whether a statement may return a result set, and so cannot be executed in a JDBC batch.
     *
     * @param statement one SQL statement
     * @return true when its first keyword (after comments, whitespace and opening parentheses) is
     *     {@code select}, {@code with}, {@code values}, {@code show}, {@code explain}, {@code table},
     *     {@code fetch} or {@code call}, or when it contains the keyword {@code returning} outside
     *     strings, comments and quoted identifiers; case-insensitive
     */
    public static boolean returnsRows(String statement) {
        int length = statement.length();
        boolean firstKeyword = true;
        int i = 0;
        while (i < length) {
            char c = statement.charAt(i);
            int end = skipQuotedOrComment(statement, i);
            if (end > i) {
                firstKeyword &= isCommentStart(c);
                i = end;
            } else if (isTagPart(c)) {
                // a whole word or number, so that a keyword is only ever matched whole
                end = i + 1;
                while (end < length && isIdentifierPart(statement.charAt(end))) {
                    end++;
                }
                if (firstKeyword && ROW_RETURNING_FIRST_KEYWORDS.contains(keywordCandidate(statement, i, end))) {
                    return true;
                }
                if (end - i == 9 && statement.regionMatches(true, i, "returning", 0, 9)) {
                    return true;
                }
                firstKeyword = false;
                i = end;
            } else {
                firstKeyword &= c == '(' || Character.isWhitespace(c);
                i++;
            }
        }
        return false;
    }

    private static String keywordCandidate(String text, int start, int end) {
        // The keywords are at most 7 characters; longer words need no copy.
        return end - start > 7 ? "" : text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean isCommentStart(char c) {
        return c == '-' || c == '/';
    }

    /**
     * Returns the index just after the string, quoted identifier, dollar-quoted string or comment
     * that starts at {@code i}, or {@code i} itself when none starts there.
     */
    private static int skipQuotedOrComment(String sql, int i) {
        int length = sql.length();
        char c = sql.charAt(i);
        char next = i + 1 < length ? sql.charAt(i + 1) : '\0';
        switch (c) {
            case '\'':
                return skipQuoted(sql, i + 1, '\'');
            case '"':
                return skipQuoted(sql, i + 1, '"');
            case 'E':
            case 'e':
                return next == '\'' && !precededByIdentifier(sql, i) ? skipEscapeString(sql, i + 2) : i;
            case '$':
                return precededByIdentifier(sql, i) ? i : skipDollarQuoted(sql, i);
            case '-':
                return next == '-' ? skipLineComment(sql, i + 2) : i;
            case '/':
                if (next != '*') {
                    return i;
                }
                int end = blockCommentEnd(sql, i + 2);
                return end < 0 ? length : end;
            default:
                return i;
        }
    }

    /** Skips to just after the closing quote; a doubled quote stands for one quote character. */
    private static int skipQuoted(String sql, int i, char quote) {
        int length = sql.length();
        while (i < length) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < length && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return length;
    }

    private static int skipEscapeString(String sql, int i) {
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    /**
     * Skips a dollar-quoted string starting at {@code i} (on its first {@code $}), or returns
     * {@code i} when the {@code $} does not open one (for example a {@code $1} parameter).
     */
    private static int skipDollarQuoted(String sql, int i) {
        int length = sql.length();
        int tagEnd = i + 1;
        if (tagEnd < length && isIdentifierStart(sql.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < length && isTagPart(sql.charAt(tagEnd))) {
                tagEnd++;
            }
        }
        if (tagEnd >= length || sql.charAt(tagEnd) != '$') {
            return i;
        }
        String delimiter = sql.substring(i, tagEnd + 1);
        int close = sql.indexOf(delimiter, tagEnd + 1);
        return close < 0 ? length : close + delimiter.length();
    }

    private static int skipLineComment(String sql, int i) {
        int length = sql.length();
        while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Returns the index just after the {@code *}{@code /} that closes a block comment, or -1 if it is not closed. */
    private static int blockCommentEnd(String sql, int i) {
        int length = sql.length();
        int depth = 1;
        while (i < length) {
            char c = sql.charAt(i);
            char next = i + 1 < length ? sql.charAt(i + 1) : '\0';
            if (c == '/' && next == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && next == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** A {@code $} or {@code E} right after an identifier or number character belongs to that word. */
    private static boolean precededByIdentifier(String sql, int i) {
        return i > 0 && isIdentifierPart(sql.charAt(i - 1));
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isIdentifierPart(char c) {
        return isTagPart(c) || c == '$';
    }
}
