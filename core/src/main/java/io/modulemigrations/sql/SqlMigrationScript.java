package io.modulemigrations.sql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A SQL migration file, split into its up and down sections.
 *
 * <pre>{@code
 * -- migrate:up
 * create table post (id text primary key);
 * -- migrate:down
 * drop table post;
 * }</pre>
 *
 * <p>A marker is a whole line, {@code -- migrate:up} or {@code -- migrate:down}, optionally followed
 * by {@code transaction:false} (or {@code transaction:true}); keywords are case-insensitive. Only
 * blank lines and {@code --} comments may precede the up marker. Without a down marker the
 * migration is irreversible; a down marker followed by no SQL means there is nothing to undo.
 *
 * <p>Each section is split into statements once, when the file is parsed.
 */
public final class SqlMigrationScript {

    private static final String FORMAT = "a SQL migration starts with '-- migrate:up', then its SQL,"
            + " then optionally '-- migrate:down' and the SQL that undoes it.";

    private static final Pattern MARKER = Pattern.compile(
            "\\s*--\\s*migrate:(up|down)(?:\\s+transaction:(true|false))?\\s*", Pattern.CASE_INSENSITIVE);

    /** Anything that starts like a marker; if it is not a valid one, it is most likely a typo. */
    private static final Pattern MARKER_LIKE = Pattern.compile("\\s*--\\s*migrate:.*", Pattern.CASE_INSENSITIVE);

    private final String up;
    private final boolean upTransactional;
    private final @Nullable String down;
    private final boolean downTransactional;
    private final int upLine;
    private final int downLine;
    private final List<SqlStatement> upSql;
    private final List<SqlStatement> downSql;

    private SqlMigrationScript(String up, boolean upTransactional, @Nullable String down, boolean downTransactional, int upLine,
            int downLine, List<SqlStatement> upSql, List<SqlStatement> downSql) {
        this.up = up;
        this.upTransactional = upTransactional;
        this.down = down;
        this.downTransactional = downTransactional;
        this.upLine = upLine;
        this.downLine = downLine;
        this.upSql = upSql;
        this.downSql = downSql;
    }

    /** The text of the up section, without its marker line. */
    public String up() {
        return up;
    }

    /** False when the up marker says {@code transaction:false}. */
    public boolean upTransactional() {
        return upTransactional;
    }

    /** The text of the down section without its marker line, or null when there is no down marker (the migration is irreversible). */
    public @Nullable String down() {
        return down;
    }

    /** False when the down marker says {@code transaction:false}. */
    public boolean downTransactional() {
        return downTransactional;
    }

    /** The line of the file on which the up section's text begins (the line after its marker). */
    public int upLine() {
        return upLine;
    }

    /** The line of the file on which the down section's text begins, or 0 without one. */
    public int downLine() {
        return downLine;
    }

    /** True when the file has a down marker, even if no SQL follows it. */
    public boolean reversible() {
        return down != null;
    }

    /** The statements of the up section that the server runs, as psql sends them. */
    public List<String> upStatements() {
        return texts(upSql);
    }

    /** The statements of the down section; empty when irreversible or nothing to undo. */
    public List<String> downStatements() {
        return texts(downSql);
    }

    /** The statements of the up section as psql splits them, with the file's line numbers. */
    public List<SqlStatement> upSql() {
        return upSql;
    }

    /** The statements of the down section as psql splits them, with the file's line numbers; empty without a down section. */
    public List<SqlStatement> downSql() {
        return downSql;
    }

    private static List<String> texts(List<SqlStatement> statements) {
        return statements.stream().filter(SqlStatement::code).map(SqlStatement::text).toList();
    }

    /**
     * Parses a SQL migration file.
     *
     * @param source names the file in error messages, for example
     *     {@code classpath:db/migrations/blog/Migration202507021059.sql}
     * @param text the content of the file; lines may end with {@code \n}, {@code \r\n} or {@code \r}
     * @throws InvalidSqlMigrationException when the file does not follow the format
     */
    public static SqlMigrationScript parse(String source, String text) {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        int lineStart = text.startsWith("\uFEFF") ? 1 : 0;
        int lineNumber = 0;
        int upLine = 0;
        int upStart = -1;
        int upEnd = -1;
        boolean upTransactional = true;
        int downLine = 0;
        int downStart = -1;
        boolean downTransactional = true;
        while (lineStart <= length) {
            lineNumber++;
            int lineEnd = lineStart;
            while (lineEnd < length && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int nextLine = lineEnd >= length ? length + 1
                    : text.charAt(lineEnd) == '\r' && lineEnd + 1 < length && text.charAt(lineEnd + 1) == '\n'
                    ? lineEnd + 2 : lineEnd + 1;
            CharSequence line = text.subSequence(lineStart, lineEnd);
            if (isComment(line)) {
                Matcher marker = MARKER.matcher(line);
                if (marker.matches()) {
                    boolean transactional = !"false".equalsIgnoreCase(marker.group(2));
                    if (marker.group(1).toLowerCase(Locale.ROOT).equals("up")) {
                        if (upLine != 0) {
                            throw new InvalidSqlMigrationException(source, "line " + lineNumber
                                    + ": a second '-- migrate:up' line (the first is line " + upLine + "); " + FORMAT);
                        }
                        upLine = lineNumber;
                        upStart = Math.min(nextLine, length);
                        upTransactional = transactional;
                    } else {
                        if (downLine != 0) {
                            throw new InvalidSqlMigrationException(source, "line " + lineNumber
                                    + ": a second '-- migrate:down' line (the first is line " + downLine + "); "
                                    + FORMAT);
                        }
                        if (upLine == 0) {
                            throw new InvalidSqlMigrationException(source, "line " + lineNumber
                                    + ": '-- migrate:down' comes before '-- migrate:up'; " + FORMAT);
                        }
                        downLine = lineNumber;
                        upEnd = lineStart;
                        downStart = Math.min(nextLine, length);
                        downTransactional = transactional;
                    }
                } else if (MARKER_LIKE.matcher(line).matches()) {
                    throw new InvalidSqlMigrationException(source, "line " + lineNumber + ": '" + line.toString().strip()
                            + "' is not a valid marker; expected '-- migrate:up' or '-- migrate:down',"
                            + " optionally followed by ' transaction:false'.");
                }
            } else if (upLine == 0 && !line.toString().isBlank()) {
                throw new InvalidSqlMigrationException(source, "line " + lineNumber
                        + ": SQL before '-- migrate:up'; only blank lines and '--' comments may come before it; "
                        + FORMAT);
            }
            lineStart = nextLine;
        }
        if (upLine == 0) {
            throw new InvalidSqlMigrationException(source, "no '-- migrate:up' line; " + FORMAT);
        }
        String upText = text.substring(upStart, downLine == 0 ? length : upEnd);
        String downText = downLine == 0 ? null : text.substring(downStart);
        List<SqlStatement> upSql = statements(source, "up", upTransactional, upText, upLine + 1);
        List<SqlStatement> downSql = downText == null ? List.of() : statements(source, "down", downTransactional, downText, downLine + 1);
        return new SqlMigrationScript(upText, upTransactional, downText, downTransactional, upLine + 1, downLine == 0 ? 0 : downLine + 1,
                upSql, downSql);
    }

    /**
     * Splits a section as psql would and refuses, before anything runs, what psql would not run as plain SQL
     * (unterminated quotes and comments, meta-commands, COPY with client data) and what cannot run the way the
     * section says it runs (transaction control, or statements that need no transaction, in a transactional section).
     */
    private static List<SqlStatement> statements(String source, String section, boolean transactional, String text, int firstLine) {
        List<SqlStatement> parsed;
        try {
            parsed = SqlStatements.parse(text, firstLine);
        } catch (SqlSyntaxException e) {
            throw new InvalidSqlMigrationException(source, e.getMessage());
        }
        for (SqlStatement statement : parsed) {
            String refusal = statement.code() ? statement.refusal(transactional, "'-- migrate:" + section + " transaction:false'") : null;
            if (refusal != null) {
                throw new InvalidSqlMigrationException(source, "line " + statement.line() + ": " + refusal);
            }
        }
        return List.copyOf(parsed);
    }

    private static boolean isComment(CharSequence line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i + 1 < line.length() && line.charAt(i) == '-' && line.charAt(i + 1) == '-';
    }
}
