package io.modulemigrations;

import io.modulemigrations.lock.LockHolder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Another instance held the migration lock for longer than the lock wait timeout; nothing was changed. */
public final class LockTimeoutException extends MigrationException {

    private final transient @Nullable LockHolder holder;

    public LockTimeoutException(Duration waited, @Nullable LockHolder holder) {
        super("Could not take the migration lock within " + waited.toMillis() + " ms: it is held by "
                + (holder == null ? "a session that could not be identified (it may have just released it)" : holder)
                + ". Nothing was changed. Next: wait for that run to finish and start again, raise lock-wait-timeout,"
                + " or, if that session is stuck, end it with select pg_terminate_backend("
                + (holder == null ? "<pid>" : holder.pid()) + "); its lock goes with it.");
        this.holder = holder;
    }

    /** The holder when the wait ended, or null if it could not be seen. */
    public @Nullable LockHolder holder() {
        return holder;
    }
}
