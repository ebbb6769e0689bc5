package io.modulemigrations;

import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.migration.MigrationId;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Told what a run does, as it does it; for metrics and progress. Called from worker threads. */
public interface MigrationListener {

    /** The run lock is held by someone else; the run polls until it is free or the wait times out. */
    default void waitingForLock(@Nullable LockHolder holder) {
    }

    default void migrationStarted(MigrationId id, Direction direction) {
    }

    /** @param failure null when the migration succeeded */
    default void migrationFinished(MigrationId id, Direction direction, Duration duration, @Nullable Throwable failure) {
    }
}
