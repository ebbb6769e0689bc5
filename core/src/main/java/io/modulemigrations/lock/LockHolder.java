package io.modulemigrations.lock;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The session holding the migration lock.
 *
 * @param pid             the PostgreSQL backend process id
 * @param applicationName the holder's {@code application_name} (may be empty)
 * @param clientAddress   the holder's client address, or null for a local socket
 * @param since           when the holder's session last changed state, which for an idle lock holder is when it took the lock
 */
public record LockHolder(int pid, String applicationName, @Nullable String clientAddress, @Nullable Instant since) {

    @Override
    public String toString() {
        return "pid " + pid + ", application_name '" + applicationName + "'"
                + (clientAddress == null ? "" : ", client " + clientAddress) + ", since " + since;
    }
}
