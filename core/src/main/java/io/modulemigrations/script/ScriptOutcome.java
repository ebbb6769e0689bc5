package io.modulemigrations.script;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What became of one migration script in a run.
 *
 * @param name     the script's name
 * @param status   what happened
 * @param duration how long it ran (zero when it did not run)
 * @param message  for {@link Status#FAILED} the error; for a re-run after a failure or a crash, the warning that says so; else null
 */
public record ScriptOutcome(String name, Status status, Duration duration, @Nullable String message) {

    /** What happened to a script. */
    public enum Status {
        /** It ran and finished now. */
        RAN,
        /** It had finished in an earlier run. */
        ALREADY_DONE,
        /** Another instance is running it right now; this one did not wait. */
        RUNNING_ELSEWHERE,
        /** It failed; it runs again next time. */
        FAILED,
        /** An earlier script failed, so this one did not run. */
        NOT_RUN
    }
}
