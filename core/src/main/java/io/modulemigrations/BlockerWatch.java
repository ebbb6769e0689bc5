package io.modulemigrations;

import io.modulemigrations.lock.LockBlocker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * While one migration step runs, looks from a separate connection at which session its statement
 * waits for ({@code pg_blocking_pids}), so a lock timeout can name the blocker. Only a step that
 * runs longer than half the lock timeout opens that connection.
 */
final class BlockerWatch implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = timer();

    private static final String BLOCKERS = "select a.pid, a.application_name, coalesce(a.state, ''), coalesce(a.query, ''),"
            + " coalesce(a.xact_start, a.query_start) from pg_stat_activity a where a.pid = any(pg_blocking_pids(?))"
            + " order by a.xact_start nulls last limit 1";

    private final Database database;
    private final int pid;
    private final ScheduledFuture<?> task;
    private @Nullable Connection connection;
    private boolean closed;
    private volatile @Nullable LockBlocker seen;

    private BlockerWatch(Database database, int pid, Duration lockTimeout) {
        this.database = database;
        this.pid = pid;
        long period = Math.max(10, lockTimeout.toMillis() / 2);
        this.task = TIMER.scheduleAtFixedRate(this::look, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching the session of {@code c}. */
    static BlockerWatch start(Database database, Connection c, Duration lockTimeout) throws SQLException {
        return new BlockerWatch(database, backendPid(c), lockTimeout);
    }

    /** The last blocking session seen while the step ran, or null if it never waited long enough to be seen. */
    @Nullable LockBlocker blocker() {
        return seen;
    }

    private synchronized void look() {
        if (closed) {
            return;
        }
        try {
            if (connection == null) {
                connection = database.open();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement st = connection.prepareStatement(BLOCKERS)) {
                st.setInt(1, pid);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        Timestamp since = rs.getTimestamp(5);
                        seen = new LockBlocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                since == null ? null : since.toInstant());
                    }
                }
            }
        } catch (RuntimeException | SQLException e) {
            // Only for the message: a step must not fail because its blocker could not be looked at.
            task.cancel(false);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        task.cancel(false);
        if (connection != null) {
            Database.closeQuietly(connection);
            connection = null;
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        if (c.isWrapperFor(PGConnection.class)) {
            return c.unwrap(PGConnection.class).getBackendPID();
        }
        try (PreparedStatement st = c.prepareStatement("select pg_backend_pid()"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "module-migrations-lock-watch");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
