package io.modulemigrations.run;

import java.sql.SQLException;

/** A statement of a migration failed. Internal: the engine turns it into a message for users. */
public final class StatementFailedException extends Exception {

    private final int number;
    private final String statement;
    private final boolean historyWrite;

    StatementFailedException(int number, String statement, boolean historyWrite, SQLException cause) {
        super(cause.getMessage(), cause);
        this.number = number;
        this.statement = statement;
        this.historyWrite = historyWrite;
    }

    /** 1-based position of the statement among those the migration issued. */
    public int number() {
        return number;
    }

    public String statement() {
        return statement;
    }

    /** True when the statements ran but writing the history row failed. */
    public boolean historyWrite() {
        return historyWrite;
    }

    /** The database's own words, from the deepest SQLException. */
    public String databaseMessage() {
        SQLException e = (SQLException) getCause();
        SQLException next = e.getNextException();
        return (next != null ? next : e).getMessage();
    }
}
