package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.lock.LockBlocker;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A migration that cannot get its lock within lock-timeout is retried, naming the session that blocks it. */
@PostgresTest
class LockRetryTest {

    static final String ADD_COLUMN = "-- migrate:up\nalter table post add column title text;\n-- migrate:down\nalter table post drop column title;\n";

    record Retry(int retry, int retries, Duration pause, @Nullable LockBlocker blocker) {
    }

    // Records every retry the engine reports, then lets the test act on it (e.g. release the lock).
    private static MigrationListener recording(List<Retry> retries, IntConsumer onRetry) {
        return new MigrationListener() {
            @Override
            public void lockRetry(MigrationId id, Direction direction, int retry, int of, Duration pause, @Nullable LockBlocker blocker) {
                retries.add(new Retry(retry, of, pause, blocker));
                onRetry.accept(retry);
            }
        };
    }

    // The lock timeout leaves the watch (first look at half of it, on a connection it opens then) time
    // to name the blocker even on a loaded machine; at 200 ms it sometimes could not.
    @Test
    @Timeout(60)
    void retriesWhileBlockedAndSucceedsOnceTheLockIsReleased(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("lock_retry_ok"); Connection holder = db.dataSource().getConnection()) {
            Db.execute(db.dataSource(), "create table post (id int); insert into post values (1)");
            int holderPid = holdReadLock(holder);
            List<Retry> retries = new CopyOnWriteArrayList<>();
            ModuleMigrations engine = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .lockTimeout(Duration.ofMillis(1000)).lockRetries(3)
                    .sqlMigration("blog", "Migration202501010001", ADD_COLUMN)
                    .listener(recording(retries, retry -> {
                        if (retry == 2) {
                            commit(holder);
                        }
                    }))
                    .load();

            MigrateResult result = engine.migrate();

            assertThat(result.applied()).hasSize(1);
            assertThat(retries).extracting(Retry::retry).containsExactly(1, 2);
            assertThat(retries).extracting(Retry::retries).containsOnly(3);
            assertThat(retries.get(1).pause()).isGreaterThan(retries.get(0).pause());
            for (Retry r : retries) {
                assertThat(r.blocker()).isNotNull();
                assertThat(r.blocker().pid()).isEqualTo(holderPid);
                assertThat(r.blocker().query()).isEqualTo("select count(*) from post");
                assertThat(r.blocker().state()).isEqualTo("idle in transaction");
                assertThat(r.blocker().since()).isNotNull();
            }
            assertThat(Db.rows(db.dataSource(), "select column_name from information_schema.columns where table_name = 'post' order by 1"))
                    .containsExactly("id", "title");
            assertThat(Db.history(db.dataSource())).containsExactly("blog/Migration202501010001|1");
        }
    }

    @Test
    @Timeout(60)
    void failsAfterTheRetriesNamingTheBlockerWithNothingAppliedOrRecorded(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("lock_retry_fail"); Connection holder = db.dataSource().getConnection()) {
            Db.execute(db.dataSource(), "create table post (id int); insert into post values (1)");
            int holderPid = holdReadLock(holder);
            List<Retry> retries = new CopyOnWriteArrayList<>();
            ModuleMigrations engine = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .lockTimeout(Duration.ofMillis(1000)).lockRetries(3)
                    .sqlMigration("blog", "Migration202501010001", "-- migrate:up\ncreate table tag (id int);\n-- migrate:down\ndrop table tag;\n")
                    .sqlMigration("blog", "Migration202501010002", ADD_COLUMN)
                    .listener(recording(retries, retry -> { }))
                    .load();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, engine::migrate);

            assertThat(retries).extracting(Retry::retry).containsExactly(1, 2, 3);
            assertThat(e.migration().name()).isEqualTo("Migration202501010002");
            assertThat(e.getMessage()).contains("lock timeout", "could not get a lock within lock-timeout 1000 ms",
                    "tried 4 time(s) (lock-retries 3)", "pid " + holderPid, "query 'select count(*) from post'",
                    "idle in transaction", "nothing of it is applied or recorded", "pg_terminate_backend(" + holderPid + ")",
                    "raise lock-timeout or lock-retries");
            assertThat(Db.rows(db.dataSource(), "select column_name from information_schema.columns where table_name = 'post'"))
                    .containsExactly("id");
            assertThat(Db.history(db.dataSource())).containsExactly("blog/Migration202501010001|1");
            holder.rollback();
        }
    }

    @Test
    @Timeout(60)
    void aMigrationWithoutTransactionIsNotRetried(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("lock_retry_notx"); Connection holder = db.dataSource().getConnection()) {
            Db.execute(db.dataSource(), "create table post (id int); insert into post values (1)");
            int holderPid = holdReadLock(holder);
            List<Retry> retries = new CopyOnWriteArrayList<>();
            ModuleMigrations engine = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .lockTimeout(Duration.ofMillis(1000)).lockRetries(3)
                    .sqlMigration("blog", "Migration202501010001", "-- migrate:up transaction:false\nalter table post add column title text;\n"
                            + "-- migrate:down\nalter table post drop column title;\n")
                    .listener(recording(retries, retry -> { }))
                    .load();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, engine::migrate);

            assertThat(retries).isEmpty();
            assertThat(e.getMessage()).contains("not retried because it runs without a transaction", "pid " + holderPid);
            assertThat(Db.history(db.dataSource())).isEmpty();
            holder.rollback();
        }
    }

    /** Opens a transaction on {@code holder} that reads {@code post} and stays open: an ACCESS SHARE lock until it ends. */
    private static int holdReadLock(Connection holder) throws SQLException {
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.execute("select count(*) from post");
            try (ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                int pid = rs.getInt(1);
                st.execute("select count(*) from post");
                return pid;
            }
        }
    }

    private static void commit(Connection c) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
