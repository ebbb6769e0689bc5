package io.modulemigrations;

import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.run.StatementFailedException;
import org.jspecify.annotations.Nullable;

/** One migration step failed; carries what is needed to tell the user exactly what. */
final class StepFailure extends Exception {

    private static final int STATEMENT_SHOWN = 600;

    final LoadedMigration migration;
    final Direction direction;
    final @Nullable StatementFailedException statement;
    final boolean partlyApplied;

    StepFailure(LoadedMigration migration, Direction direction, @Nullable StatementFailedException statement, Throwable cause, boolean partlyApplied) {
        super(cause);
        this.migration = migration;
        this.direction = direction;
        this.statement = statement;
        this.partlyApplied = partlyApplied;
    }

    /** What failed, in words: module, migration, statement and the database's message. */
    String describe() {
        String step = "module " + migration.module() + ", migration " + migration.name() + " (" + (direction == Direction.UP ? "up" : "down")
                + ", " + migration.source() + ")";
        if (statement == null) {
            Throwable c = getCause();
            return "Failed: " + step + ": its code threw " + c.getClass().getName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        }
        if (statement.historyWrite()) {
            return "Failed: " + step + ": its statements ran, but writing the history row failed: " + statement.databaseMessage();
        }
        String sql = statement.statement();
        if (sql.length() > STATEMENT_SHOWN) {
            sql = sql.substring(0, STATEMENT_SHOWN) + " …";
        }
        return "Failed: " + step + " at statement " + statement.number() + ":\n    " + sql.replace("\n", "\n    ")
                + "\n  The database said: " + statement.databaseMessage().replace("\n", "\n  ");
    }

    /** What became of the failing migration itself. */
    String fate() {
        if (partlyApplied) {
            return "This migration runs without a transaction: its statements before "
                    + (statement == null ? "the failure" : "statement " + statement.number()) + " were applied and stay applied; it is not recorded as applied. Make its statements safe to repeat"
                    + " (if not exists) or undo them by hand before running again.";
        }
        return direction == Direction.UP
                ? "This migration was rolled back as a whole: nothing of it is applied or recorded."
                : "This rollback step was undone as a whole: the migration is still applied and recorded.";
    }

    @Nullable String statementText() {
        return statement == null ? null : statement.statement();
    }
}
