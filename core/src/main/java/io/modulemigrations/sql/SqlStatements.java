package io.modulemigrations.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lexical helpers for PostgreSQL scripts: splitting a script into statements exactly as psql does,
 * and telling whether a statement may return rows.
 *
 * <p>{@link #parse} follows psql's own lexer and main loop line by line: a {@code ;} ends a statement
 * unless it is inside a string ({@code '...'}, {@code E'...'}, {@code B'...'}, {@code X'...'},
 * {@code U&'...'}), a quoted identifier, a dollar quote ({@code $$...$$}, {@code $tag$...$tag$}),
 * a {@code --} or nested {@code /* *}{@code /} comment, parentheses, or the {@code BEGIN ... END}
 * body of {@code CREATE FUNCTION/PROCEDURE}. Plain strings follow {@code standard_conforming_strings},
 * which is on (PostgreSQL's default) until the script's own {@code SET}, {@code RESET} or
 * {@code DISCARD ALL} changes it, from the line after that statement, as psql sees it. Whitespace and
 * {@code --} comments before a statement and empty lines outside quotes are left out, as psql leaves
 * them out. Everything runs in time linear in the length of the text.
 */
public final class SqlStatements {

    /** How many leading tokens of a statement are kept to tell its kind. */
    static final int HEAD = 24;

    private static final Set<String> ROW_RETURNING_FIRST_KEYWORDS =
            Set.of("select", "with", "values", "show", "explain", "table", "fetch", "call");

    private SqlStatements() {
    }

    /**
     * Splits a script into the statements psql would send for it.
     *
     * @param sql a PostgreSQL script
     * @return the statements in order, each as psql sends it (see {@link SqlStatement#text})
     * @throws SqlSyntaxException for an unterminated string, quoted identifier, dollar quote or block
     *     comment, and for a psql meta-command (a backslash outside quotes and comments): psql would
     *     run what comes before it and then do something other than run SQL. When a
     *     {@code COPY ... FROM STDIN} comes before, the exception names it instead, as what follows
     *     it is its data
     */
    public static List<SqlStatement> parse(String sql) {
        return parse(sql, 1);
    }

    /**
     * Like {@link #parse(String)}, for text that begins on line {@code firstLine} of a file: line
     * numbers, in statements and in errors, are the file's.
     */
    public static List<SqlStatement> parse(String sql, int firstLine) {
        return new Lexer(sql, firstLine).run();
    }

    /**
     * The statements of a script that the server has to run, as psql sends them.
     *
     * @param sql a PostgreSQL script
     * @return the {@link SqlStatement#text} of each statement that holds more than comments, in order
     * @throws SqlSyntaxException as {@link #parse} does
     */
    public static List<String> split(String sql) {
        List<String> texts = new ArrayList<>();
        for (SqlStatement s : parse(sql)) {
            if (s.code()) {
                texts.add(s.text());
            }
        }
        return texts;
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

    /** psql's lexer and main loop over one script; one use. */
    private static final class Lexer {

        private enum Mode { CODE, COMMENT, STRING, ESCAPE_STRING, BIT_STRING, IDENTIFIER, DOLLAR }

        /** The words psql's routine-body heuristic looks at: the first five may name a routine, the rest nest its body. */
        private static final String[] KEYWORDS = { "create", "function", "procedure", "or", "replace", "begin", "case", "end" };
        private static final int REPLACE = 4;
        private static final int BEGIN = 5;
        private static final int CASE = 6;
        private static final int END = 7;

        private final String sql;
        private final List<SqlStatement> statements = new ArrayList<>();

        private Mode mode = Mode.CODE;
        private int commentDepth;
        private String dollarTag = "";
        private int openedLine;
        private int parenDepth;
        private int beginDepth;
        private int identifierCount;
        private final char[] identifiers = new char[4];
        private boolean standardStrings = true;
        private @Nullable Boolean standardStringsNextLine;

        /** psql's query buffer and what belongs to the statement in it. */
        private final StringBuilder query = new StringBuilder();
        private int[] lines = new int[8];
        private int lineCount;
        private final List<String> head = new ArrayList<>();
        private boolean code;
        private boolean statementStandardStrings = true;
        private @Nullable SqlStatement copyFromStdin;
        /** Where the statement began as earlier versions split: just after the previous top-level {@code ;}. */
        private int rawStart;

        private int lineNumber;
        private int lineOffset;
        /** Where in the current line the text not yet added to {@link #query} starts. */
        private int echoFrom;

        Lexer(String sql, int firstLine) {
            this.sql = sql;
            this.lineNumber = firstLine - 1;
        }

        List<SqlStatement> run() {
            try {
                return lex();
            } catch (SqlSyntaxException e) {
                if (copyFromStdin != null) {
                    // psql reads the lines after COPY ... FROM STDIN as data: that, not the data, is the problem
                    throw new SqlSyntaxException(copyFromStdin.line(), copyFromStdin.copyRefusal());
                }
                throw e;
            }
        }

        private List<SqlStatement> lex() {
            int length = sql.length();
            int start = sql.startsWith("\uFEFF") ? 1 : 0;
            rawStart = start;
            while (start < length) {
                int newline = sql.indexOf('\n', start);
                int end = newline < 0 ? length : newline;
                lineNumber++;
                lineOffset = start;
                line(sql.substring(start, end));
                start = end + 1;
            }
            if (mode != Mode.CODE) {
                throw new SqlSyntaxException(openedLine, unterminated());
            }
            if (query.length() > 0) {
                emit(length);
            }
            return statements;
        }

        private String unterminated() {
            return switch (mode) {
                case COMMENT -> "the block comment opened here is never closed (block comments nest: each /* needs its own */)";
                case DOLLAR -> "the dollar quote " + dollarTag + " opened here is never closed (only " + dollarTag + " closes it)";
                case IDENTIFIER -> "the quoted identifier opened here is never closed (a \" inside one is written \"\")";
                default -> "the quoted string opened here is never closed (a ' inside one is written ''"
                        + (standardStrings ? "" : ", or \\' while standard_conforming_strings is off") + ")";
            };
        }

        private void line(String line) {
            if (standardStringsNextLine != null) {
                standardStrings = standardStringsNextLine;
                standardStringsNextLine = null;
            }
            if (line.isEmpty() && mode == Mode.CODE) {
                return;
            }
            if (query.length() > 0) {
                query.append('\n');
                addLine();
            }
            int length = line.length();
            int p = 0;
            echoFrom = 0;
            while (p < length) {
                p = switch (mode) {
                    case CODE -> code(line, p);
                    case COMMENT -> comment(line, p);
                    case STRING, BIT_STRING -> quoted(line, p, '\'', mode == Mode.STRING);
                    case IDENTIFIER -> quoted(line, p, '"', true);
                    case ESCAPE_STRING -> escapeString(line, p);
                    case DOLLAR -> dollar(line, p);
                };
            }
        }

        private int comment(String line, int p) {
            int length = line.length();
            while (p < length) {
                char c = line.charAt(p);
                char next = p + 1 < length ? line.charAt(p + 1) : '\0';
                if (c == '/' && next == '*') {
                    commentDepth++;
                    p += 2;
                } else if (c == '*' && next == '/') {
                    p += 2;
                    if (--commentDepth == 0) {
                        mode = Mode.CODE;
                        break;
                    }
                } else {
                    p++;
                }
            }
            return echo(line, p);
        }

        /** A string or quoted identifier where a doubled quote stands for one ({@code doubling}), or a bit string where it does not. */
        private int quoted(String line, int p, char quote, boolean doubling) {
            int length = line.length();
            while (p < length) {
                if (line.charAt(p) == quote) {
                    if (doubling && p + 1 < length && line.charAt(p + 1) == quote) {
                        p += 2;
                        continue;
                    }
                    mode = Mode.CODE;
                    return echo(line, p + 1);
                }
                p++;
            }
            return echo(line, length);
        }

        private int escapeString(String line, int p) {
            int length = line.length();
            while (p < length) {
                char c = line.charAt(p);
                if (c == '\\') {
                    p = Math.min(p + 2, length);
                } else if (c == '\'') {
                    if (p + 1 < length && line.charAt(p + 1) == '\'') {
                        p += 2;
                        continue;
                    }
                    mode = Mode.CODE;
                    return echo(line, p + 1);
                } else {
                    p++;
                }
            }
            return echo(line, length);
        }

        private int dollar(String line, int p) {
            int close = line.indexOf(dollarTag, p);
            if (close < 0) {
                return echo(line, line.length());
            }
            mode = Mode.CODE;
            return echo(line, close + dollarTag.length());
        }

        /** Echoes the part of the current line from the last echo up to {@code end}; returns {@code end}. */
        private int echo(String line, int end) {
            if (end > echoFrom) {
                if (query.length() == 0) {
                    lineCount = 0;
                    addLine();
                }
                query.append(line, echoFrom, end);
            }
            echoFrom = end;
            return end;
        }

        private int code(String line, int p) {
            int length = line.length();
            echoFrom = p;
            char c = line.charAt(p);
            char next = p + 1 < length ? line.charAt(p + 1) : '\0';
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                int end = p + 1;
                while (end < length && isSpace(line.charAt(end))) {
                    end++;
                }
                return whitespace(line, end);
            }
            if (c == '-' && next == '-') {
                int end = line.indexOf('\r', p);
                return whitespace(line, end < 0 ? length : end);
            }
            if (c == '/' && next == '*') {
                mode = Mode.COMMENT;
                commentDepth = 1;
                openedLine = lineNumber;
                return comment(line, p + 2);
            }
            if (c == '\\') {
                int end = p + 1;
                while (end < length && !isSpace(line.charAt(end)) && line.charAt(end) != '\\') {
                    end++;
                }
                String command = line.substring(p, Math.max(end, p + 1));
                throw new SqlSyntaxException(lineNumber, "the psql meta-command " + command + " is not SQL: the server cannot run it."
                        + (command.startsWith("\\;") ? " End the statement with ; instead." : " Remove it, or do in SQL or in a Java migration what it did in psql."));
            }
            if (c == ';') {
                echo(line, p + 1);
                if (parenDepth == 0 && beginDepth == 0) {
                    identifierCount = 0;
                    emit(lineOffset + p);
                    rawStart = lineOffset + p + 1;
                }
                return p + 1;
            }
            if (query.length() == 0) {
                statementStandardStrings = standardStrings;
            }
            code = true;
            switch (c) {
                case '\'':
                    return openQuote(line, p + 1, standardStrings ? Mode.STRING : Mode.ESCAPE_STRING);
                case '"':
                    return openQuote(line, p + 1, Mode.IDENTIFIER);
                case '$':
                    return dollarOrParameter(line, p);
                case '(':
                    parenDepth++;
                    return echo(line, p + 1);
                case ')':
                    if (parenDepth > 0) {
                        parenDepth--;
                    }
                    return echo(line, p + 1);
                default:
                    break;
            }
            if (isIdentifierStart(c)) {
                return word(line, p);
            }
            if ((c >= '0' && c <= '9') || (c == '.' && next >= '0' && next <= '9')) {
                int end = number(line, p);
                if (parenDepth == 0 && head.size() < HEAD) {
                    head.add(line.substring(p, end));
                }
                return echo(line, end);
            }
            if (parenDepth == 0 && head.size() < HEAD) {
                head.add(String.valueOf(c));
            }
            return echo(line, p + 1);
        }

        /** Whitespace and {@code --} comments: psql keeps them only inside a statement. */
        private int whitespace(String line, int end) {
            if (query.length() > 0) {
                return echo(line, end);
            }
            echoFrom = end;
            return end;
        }

        private int openQuote(String line, int contentStart, Mode quoteMode) {
            mode = quoteMode;
            openedLine = lineNumber;
            echo(line, contentStart);
            int end = switch (quoteMode) {
                case STRING, BIT_STRING -> quoted(line, contentStart, '\'', quoteMode == Mode.STRING);
                case IDENTIFIER -> quoted(line, contentStart, '"', true);
                default -> escapeString(line, contentStart);
            };
            if (parenDepth == 0 && mode == Mode.CODE && head.size() < HEAD) {
                head.add((quoteMode == Mode.IDENTIFIER ? "\"" : "'") + line.substring(contentStart, end - 1));
            }
            return end;
        }

        private int dollarOrParameter(String line, int p) {
            int length = line.length();
            int end = p + 1;
            if (end < length && isIdentifierStart(line.charAt(end))) {
                end++;
                while (end < length && isTagPart(line.charAt(end))) {
                    end++;
                }
            }
            if (end < length && line.charAt(end) == '$') {
                dollarTag = line.substring(p, end + 1);
                mode = Mode.DOLLAR;
                openedLine = lineNumber;
                echo(line, end + 1);
                return dollar(line, end + 1);
            }
            end = p + 1;
            while (end < length && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
                end++;
            }
            return echo(line, end);
        }

        private int word(String line, int p) {
            int length = line.length();
            int end = p + 1;
            while (end < length && isIdentifierPart(line.charAt(end))) {
                end++;
            }
            char c = line.charAt(p);
            char after = end < length ? line.charAt(end) : '\0';
            if (end == p + 1) {
                // Prefixed strings; psql reads the prefix and the quote as one token.
                char lower = Character.toLowerCase(c);
                if (after == '\'') {
                    if (lower == 'e') {
                        return openQuote(line, end + 1, Mode.ESCAPE_STRING);
                    }
                    if (lower == 'b' || lower == 'x') {
                        return openQuote(line, end + 1, Mode.BIT_STRING);
                    }
                    if (lower == 'n') {
                        return echo(line, end);
                    }
                } else if (lower == 'u' && after == '&' && end + 1 < length) {
                    // U&'...' never treats a backslash as an escape of the quote; U&"..." is an identifier
                    char quote = line.charAt(end + 1);
                    if (quote == '\'' || quote == '"') {
                        return openQuote(line, end + 2, quote == '"' ? Mode.IDENTIFIER : Mode.STRING);
                    }
                }
            }
            identifier(line, p, end);
            if (parenDepth == 0 && head.size() < HEAD) {
                head.add(line.substring(p, end).toLowerCase(Locale.ROOT));
            }
            return echo(line, end);
        }

        /** psql's heuristic for the {@code BEGIN ... END} body of {@code CREATE [OR REPLACE] FUNCTION/PROCEDURE}. */
        private void identifier(String line, int start, int end) {
            if (identifierCount == 0) {
                Arrays.fill(identifiers, '\0');
            }
            boolean head = identifierCount < identifiers.length;
            identifierCount++;
            if (!head && !(routine() && parenDepth == 0)) {
                // Most words: past the head and outside a routine's body, no keyword matters.
                return;
            }
            int keyword = keyword(line, start, end);
            if (head && keyword >= 0 && keyword <= REPLACE) {
                identifiers[identifierCount - 1] = KEYWORDS[keyword].charAt(0);
            }
            if (routine() && parenDepth == 0) {
                if (keyword == BEGIN) {
                    beginDepth++;
                } else if (keyword == CASE) {
                    if (beginDepth >= 1) {
                        beginDepth++;
                    }
                } else if (keyword == END && beginDepth > 0) {
                    beginDepth--;
                }
            }
        }

        /** Whether the statement so far reads CREATE [OR REPLACE] FUNCTION or PROCEDURE. */
        private boolean routine() {
            return identifiers[0] == 'c' && (identifiers[1] == 'f' || identifiers[1] == 'p'
                    || (identifiers[1] == 'o' && identifiers[2] == 'r' && (identifiers[3] == 'f' || identifiers[3] == 'p')));
        }

        /**
         * The index in {@link #KEYWORDS} of the word from {@code start} to {@code end}, in any case; -1 for
         * any other word. One comparison site, not one per keyword: this runs for the first words of every
         * statement, and the JIT compiles each site it inlines (with eight inlined comparisons the lexer
         * took more of the JIT's time than any other code of ours while 1,000 SQL migrations first ran).
         */
        private static int keyword(String line, int start, int end) {
            int length = end - start;
            if (length < 2 || length > 9) {
                return -1;
            }
            for (int k = 0; k < KEYWORDS.length; k++) {
                String keyword = KEYWORDS[k];
                if (keyword.length() == length && line.regionMatches(true, start, keyword, 0, length)) {
                    return k;
                }
            }
            return -1;
        }

        /** A numeric literal as psql 15 reads it, with the one identifier character its "junk" rules swallow. */
        private static int number(String line, int p) {
            int length = line.length();
            int end = digits(line, p);
            if (end < length && line.charAt(end) == '.' && !(end + 1 < length && line.charAt(end + 1) == '.')) {
                end = digits(line, end + 1);
            }
            if (end < length && (line.charAt(end) == 'e' || line.charAt(end) == 'E')) {
                int exponent = end + 1;
                if (exponent < length && (line.charAt(exponent) == '+' || line.charAt(exponent) == '-')) {
                    exponent++;
                }
                if (exponent < length && Character.isDigit(line.charAt(exponent))) {
                    end = digits(line, exponent);
                } else {
                    return exponent;
                }
            }
            if (end < length && isIdentifierStart(line.charAt(end))) {
                end++;
            }
            return end;
        }

        private static int digits(String line, int p) {
            while (p < line.length() && line.charAt(p) >= '0' && line.charAt(p) <= '9') {
                p++;
            }
            return p;
        }

        private void addLine() {
            if (lineCount == lines.length) {
                lines = Arrays.copyOf(lines, lineCount * 2);
            }
            lines[lineCount++] = lineNumber;
        }

        private void emit(int rawEnd) {
            int[] lineNumbers = Arrays.copyOf(lines, lineCount);
            SqlStatement statement = new SqlStatement(query.toString(), lineNumbers, code, statementStandardStrings, sql,
                    Math.min(rawStart, rawEnd), rawEnd, List.copyOf(head));
            if (code && copyFromStdin == null && statement.copyWithClient() && head.contains("stdin")) {
                copyFromStdin = statement;
            }
            statements.add(statement);
            if (code) {
                Boolean changed = standardStringsAfter(head);
                if (changed != null) {
                    standardStringsNextLine = changed;
                }
            }
            query.setLength(0);
            lineCount = 0;
            head.clear();
            code = false;
        }
    }

    /**
     * The {@code standard_conforming_strings} a statement leaves behind when it sets it, else null:
     * {@code SET [SESSION|LOCAL] standard_conforming_strings {TO|=} value|DEFAULT},
     * {@code RESET standard_conforming_strings}, {@code RESET ALL} and {@code DISCARD ALL}.
     */
    static @Nullable Boolean standardStringsAfter(List<String> head) {
        String first = head.isEmpty() ? "" : head.get(0);
        if (first.equals("reset") || first.equals("discard")) {
            String what = head.size() > 1 ? head.get(1) : "";
            return what.equals("all") || (first.equals("reset") && what.equals("standard_conforming_strings")) ? Boolean.TRUE : null;
        }
        if (!first.equals("set")) {
            return null;
        }
        int i = 1;
        if (i < head.size() && (head.get(i).equals("session") || head.get(i).equals("local"))) {
            i++;
        }
        if (i + 2 >= head.size()) {
            return null;
        }
        if (!head.get(i).equals("standard_conforming_strings") || !(head.get(i + 1).equals("to") || head.get(i + 1).equals("="))) {
            return null;
        }
        String value = head.get(i + 2);
        if (i + 3 < head.size() && !head.get(i + 3).equals(";")) {
            return null;
        }
        if (value.startsWith("'") || value.startsWith("\"")) {
            value = value.substring(1).toLowerCase(Locale.ROOT);
        }
        return value.equals("default") ? Boolean.TRUE : parseBool(value);
    }

    /** PostgreSQL's reading of a boolean setting: on/off, true/false, yes/no, 1/0 and unique prefixes. */
    private static @Nullable Boolean parseBool(String v) {
        if (v.isEmpty()) {
            return null;
        }
        switch (v.charAt(0)) {
            case 't':
                return "true".startsWith(v) ? Boolean.TRUE : null;
            case 'f':
                return "false".startsWith(v) ? Boolean.FALSE : null;
            case 'y':
                return "yes".startsWith(v) ? Boolean.TRUE : null;
            case 'n':
                return "no".startsWith(v) ? Boolean.FALSE : null;
            case 'o':
                return v.equals("on") ? Boolean.TRUE : v.length() >= 2 && "off".startsWith(v) ? Boolean.FALSE : null;
            case '1':
                return v.equals("1") ? Boolean.TRUE : null;
            case '0':
                return v.equals("0") ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n';
    }
}
