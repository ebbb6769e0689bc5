package io.modulemigrations;

import io.modulemigrations.script.ScriptOutcome;
import java.util.List;

/** A migration script failed; it is not marked finished and runs again next time. */
public final class ScriptFailedException extends MigrationException {

    private final List<ScriptOutcome> outcomes;

    public ScriptFailedException(ScriptOutcome failed, List<ScriptOutcome> outcomes, boolean afterMigrations) {
        super("Migration script " + failed.name() + " failed: " + failed.message() + ". Its changes were rolled back"
                + " (unless it runs without a transaction) and it is not marked finished, so it runs again next time."
                + (afterMigrations ? " Schema migrations and links of this run are applied and stay." : "")
                + " Next: fix the cause, then run db:migrate:scripts (or migrate) again.");
        this.outcomes = List.copyOf(outcomes);
    }

    /** Every script's outcome in this run, in name order. */
    public List<ScriptOutcome> outcomes() {
        return outcomes;
    }
}
