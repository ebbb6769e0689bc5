package io.modulemigrations.script;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A script's row in {@code module_migration_scripts}.
 *
 * @param name       the script's name
 * @param startedAt  when it last started, or null if it never did
 * @param finishedAt when it finished, or null until it did
 * @param error      why its last attempt failed, or null
 */
public record ScriptState(String name, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error) {

    public boolean finished() {
        return finishedAt != null;
    }

    /** In a word: {@code done}, {@code failed}, {@code started} (running, or interrupted) or {@code pending} (never started). */
    public String state() {
        if (finished()) {
            return "done";
        }
        if (error != null) {
            return "failed";
        }
        return startedAt != null ? "started" : "pending";
    }
}
