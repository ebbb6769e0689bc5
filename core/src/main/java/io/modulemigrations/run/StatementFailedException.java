package io.modulemigrations.run;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** A statement of a migration failed. Internal: the engine turns it into a message for users. */
public final class StatementFailedException extends Exception {

    /** What failed: one of the migration's statements, or one the engine sends around them. */
    public enum Kind {
        /** A statement of the migration. */
        STATEMENT,
        /** The statements ran, but writing the history row failed. */
        HISTORY_WRITE,
        /** The migration ended the transaction the engine ran it in (commit, rollback or the like). */
        TRANSACTION_ENDED,
        /** The statements ran and the history row was written, but the commit failed (a deferred constraint, say). */
        COMMIT
    }

    private final int number;
    private final String statement;
    private final Kind kind;
    private final int @Nullable [] fileLines;
    private final boolean commitMayHaveRun;

    StatementFailedException(int number, String statement, Kind kind, int @Nullable [] fileLines, SQLException cause, boolean commitMayHaveRun) {
        super(cause.getMessage(), cause);
        this.number = number;
        this.statement = statement;
        this.kind = kind;
        this.fileLines = fileLines;
        this.commitMayHaveRun = commitMayHaveRun;
    }

    /** 1-based position of the statement among those the migration issued. */
    public int number() {
        return number;
    }

    public String statement() {
        return statement;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * True when the commit went in the same batch as the failed statement and nothing shows it did not
     * run: when the connection was lost, the server may have committed before it went.
     */
    public boolean commitMayHaveRun() {
        return commitMayHaveRun;
    }

    /** True when the statements ran but writing the history row failed. */
    public boolean historyWrite() {
        return kind == Kind.HISTORY_WRITE;
    }

    /**
     * Where in its SQL file the statement failed: {@code "line 12"}, or {@code "line 12, column 8"}
     * when the database pointed at a position; null when the statement did not come from a file.
     */
    public @Nullable String fileLocation() {
        if (fileLines == null) {
            return null;
        }
        Integer position = null;
        for (Throwable t = getCause(); t != null; t = t instanceof SQLException s && s.getNextException() != null ? s.getNextException() : t.getCause()) {
            if (t instanceof PSQLException p) {
                ServerErrorMessage server = p.getServerErrorMessage();
                if (server != null && server.getPosition() > 0) {
                    position = server.getPosition();
                    break;
                }
            }
        }
        if (position == null) {
            return "line " + fileLines[0];
        }
        int index = Math.max(0, Math.min(position - 1, statement.length()));
        int textLine = 0;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (statement.charAt(i) == '\n') {
                textLine++;
                lineStart = i + 1;
            }
        }
        return "line " + fileLines[Math.min(textLine, fileLines.length - 1)] + ", column " + (index - lineStart + 1);
    }

    /** The database's own words, from the deepest SQLException. */
    public String databaseMessage() {
        SQLException e = (SQLException) getCause();
        SQLException next = e.getNextException();
        return (next != null ? next : e).getMessage();
    }

    /** The SQLSTATE of the database's error, from the deepest SQLException. */
    public @Nullable String sqlState() {
        SQLException e = (SQLException) getCause();
        SQLException next = e.getNextException();
        return (next != null ? next : e).getSQLState();
    }
}
