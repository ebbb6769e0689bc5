package io.modulemigrations.sql;

/**
 * SQL text that cannot be split into statements the way psql would run it: an unterminated
 * quote, dollar quote or block comment, or a psql meta-command such as {@code \set}.
 */
public final class SqlSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    SqlSyntaxException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    /** 1-based line of the text where the problem starts. */
    public int line() {
        return line;
    }

    /** What is wrong and what to do instead, without the line. */
    public String problem() {
        return problem;
    }
}
