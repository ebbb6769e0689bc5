package io.modulemigrations;

import io.modulemigrations.lock.LockBlocker;
import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.migration.MigrationId;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Told what a run does, as it does it; for metrics and progress. Called from worker threads. */
public interface MigrationListener {

    /** The run lock is held by someone else; the run polls until it is free or the wait times out. */
    default void waitingForLock(@Nullable LockHolder holder) {
    }

    /**
     * Whether this listener must be told of each migration as it runs (true unless overridden). When no
     * listener must, a module's migrations may go to the server together, in one round trip; this
     * listener is then told of each after they returned, started and finished in turn, with the duration
     * its history row records (for one that failed, the time the migrations sent with it took).
     */
    default boolean watchesEachStep() {
        return true;
    }

    default void migrationStarted(MigrationId id, Direction direction) {
    }

    /**
     * A transactional migration step could not get a lock within {@code lock-timeout}; it was rolled back and is
     * tried again after {@code wait}.
     *
     * @param retry   which retry this is, from 1
     * @param retries how many retries are allowed
     * @param blocker the session it waited for, or null if it could not be seen
     */
    default void lockRetry(MigrationId id, Direction direction, int retry, int retries, Duration wait, @Nullable LockBlocker blocker) {
    }

    /** @param failure null when the migration succeeded */
    default void migrationFinished(MigrationId id, Direction direction, Duration duration, @Nullable Throwable failure) {
    }
}
