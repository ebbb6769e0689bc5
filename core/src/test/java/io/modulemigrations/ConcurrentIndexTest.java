package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flyway's transactional lock, and a peer blocked in pg_advisory_lock, deadlocked
 * {@code create index concurrently}. Here the waiting instance polls, so the index build completes.
 */
@PostgresTest
class ConcurrentIndexTest {

    @Test
    @Timeout(60)
    void createIndexConcurrentlyCompletesWhileAnotherInstanceWaitsForTheLock(TestDatabase db) throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);

        ModuleMigrations first = engine(db, firstRunning, secondWaiting).load();
        ModuleMigrations second = engine(db, new CountDownLatch(1), new CountDownLatch(0))
                .listener(new MigrationListener() {
                    @Override
                    public void waitingForLock(LockHolder holder) {
                        secondWaiting.countDown();
                    }
                })
                .load();

        CompletableFuture<MigrateResult> firstRun = CompletableFuture.supplyAsync(first::migrate);
        assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MigrateResult> secondRun = CompletableFuture.supplyAsync(second::migrate);

        MigrateResult a = firstRun.get();
        MigrateResult b = secondRun.get();

        assertThat(a.applied()).extracting(e -> e.name()).containsExactly("Migration202501010001", "Migration202501010002");
        assertThat(b.nothingToDo()).isTrue();
        assertThat(b.lockTaken()).isTrue();
        assertThat(Db.rows(db.dataSource(), "select indisvalid from pg_index where indexrelid = 'post_title'::regclass")).containsExactly("t");
    }

    /** Migration 1 holds the first run until the second is waiting for the lock; migration 2 builds an index concurrently. */
    static FluentConfiguration engine(TestDatabase db, CountDownLatch running, CountDownLatch proceedWhen) {
        return ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                .lockWaitTimeout(Duration.ofSeconds(30))
                .javaMigration("blog", "Migration202501010001", new io.modulemigrations.migration.Migration() {
                    @Override
                    public void up(MigrationContext m) throws Exception {
                        m.sql("create table post (id int primary key, title text)");
                        m.sql("insert into post select i, 'title ' || i from generate_series(1, 10000) i");
                        running.countDown();
                        if (!proceedWhen.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the second instance never waited for the lock");
                        }
                    }

                    @Override
                    public void down(MigrationContext m) {
                        m.sql("drop table post");
                    }
                })
                .sqlMigration("blog", "Migration202501010002",
                        "-- migrate:up transaction:false\ncreate index concurrently post_title on post (title);\n-- migrate:down\ndrop index post_title;\n");
    }
}
