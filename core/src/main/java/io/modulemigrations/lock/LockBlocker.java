package io.modulemigrations.lock;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session that held a lock a migration statement waited for, as {@code pg_blocking_pids} named it.
 *
 * @param pid             the PostgreSQL backend process id
 * @param applicationName its {@code application_name} (may be empty)
 * @param state           its state, e.g. {@code idle in transaction}
 * @param query           its current or last query
 * @param since           when its transaction began (or its query, outside a transaction)
 */
public record LockBlocker(int pid, String applicationName, String state, String query, @Nullable Instant since) {

    private static final int QUERY_SHOWN = 200;

    @Override
    public String toString() {
        String q = query.strip().replaceAll("\\s+", " ");
        if (q.length() > QUERY_SHOWN) {
            q = q.substring(0, QUERY_SHOWN) + " …";
        }
        return "pid " + pid + ", application_name '" + applicationName + "', " + state + ", query '" + q + "', since " + since;
    }
}
