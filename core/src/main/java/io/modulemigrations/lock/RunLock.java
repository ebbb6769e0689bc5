package io.modulemigrations.lock;

import io.modulemigrations.LockTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one lock a migrate or rollback run holds: a PostgreSQL session advisory lock, taken by
 * polling {@code pg_try_advisory_lock} so that a waiting instance never sits inside a statement
 * (a blocked {@code pg_advisory_lock} would stall a peer's {@code create index concurrently}). The
 * lock ends with its session, so a crashed holder leaves nothing to unlock by hand.
 */
public final class RunLock {

    private static final long MIN_POLL_MS = 25;
    private static final long MAX_POLL_MS = 500;

    private final long key;

    /** A lock for the history table with this name; the same name always gives the same key. */
    public RunLock(String historyTable) {
        this.key = 0x4D4D_0000_0000_0000L | crc32c(("module-migrations:" + historyTable).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The CRC-32C of a few bytes, as {@link java.util.zip.CRC32C} computes it, without the tables that class
     * builds when it is first used: an up-to-date start needs no other checksum.
     */
    private static long crc32c(byte[] bytes) {
        int crc = ~0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return ~crc & 0xFFFF_FFFFL;
    }

    public long key() {
        return key;
    }

    /**
     * Takes the lock on this connection, polling until {@code timeout}.
     *
     * @param waiting told once, with the holder (or null if it could not be seen), when the first try fails
     * @throws LockTimeoutException when the lock was not free within {@code timeout}
     */
    public void acquire(Connection connection, Duration timeout, Consumer<@Nullable LockHolder> waiting) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = MIN_POLL_MS;
        boolean told = false;
        try (PreparedStatement tryLock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet rs = tryLock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (!told) {
                    told = true;
                    waiting.accept(holder(connection));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new LockTimeoutException(timeout, holder(connection));
                }
                Thread.sleep(Math.min(pause + (long) (Math.random() * pause / 2), Math.max(1, left / 1_000_000)));
                pause = Math.min(MAX_POLL_MS, pause * 2);
            }
        }
    }

    /** Takes the lock on this connection if it is free now; false when another session holds it. */
    public boolean tryAcquire(Connection connection) throws SQLException {
        try (PreparedStatement tryLock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            try (ResultSet rs = tryLock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Releases the lock held by this connection's session. */
    public void release(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }

    /** Who holds the lock now, or null if nobody does (or the holder cannot be seen). */
    public @Nullable LockHolder holder(Connection connection) throws SQLException {
        String sql = "select a.pid, coalesce(a.application_name, ''), host(a.client_addr), a.state_change"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.classid::bigint = ? and l.objid::bigint = ? and l.database = (select oid from pg_database where datname = current_database())"
                + " limit 1";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp since = rs.getTimestamp(4);
                return new LockHolder(rs.getInt(1), rs.getString(2), rs.getString(3), since == null ? null : since.toInstant());
            }
        }
    }
}
