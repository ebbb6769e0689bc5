package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an operator sees while another instance migrates, and when a session setting stops a migration. */
@PostgresTest
class LockAndStatusTest {

    static final String TABLE = "-- migrate:up\ncreate table t%1$s (id int);\n-- migrate:down\ndrop table t%1$s;\n";

    @Test
    @Timeout(60)
    void lockTimeoutAndStatusNameTheHolder(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("lock_holder")) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ModuleMigrations holder = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .applicationName("petclinic@host-a")
                    .javaMigration("blog", "Migration202501010001", new Migration() {
                        @Override
                        public void up(MigrationContext m) throws Exception {
                            m.sql("create table author (id int)");
                            running.countDown();
                            release.await(30, TimeUnit.SECONDS);
                        }
                    })
                    .load();
            CompletableFuture<MigrateResult> holding = CompletableFuture.supplyAsync(holder::migrate);
            try {
                assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
                ModuleMigrations waiter = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                        .lockWaitTimeout(Duration.ofMillis(300))
                        .sqlMigration("blog", "Migration202501010002", String.format(TABLE, 2))
                        .load();

                LockTimeoutException e = catchThrowableOfType(LockTimeoutException.class, waiter::migrate);
                MigrationStatus status = waiter.status();

                int pid = Integer.parseInt(Db.rows(db.dataSource(), "select pid from pg_locks where locktype = 'advisory' and granted").get(0));
                assertThat(e.holder().pid()).isEqualTo(pid);
                assertThat(e.holder().applicationName()).isEqualTo("petclinic@host-a");
                assertThat(e.getMessage()).contains("within 300 ms", "pid " + pid, "application_name 'petclinic@host-a'",
                        "since", "Nothing was changed", "pg_terminate_backend(" + pid + ")");
                assertThat(status.lockHolder().pid()).isEqualTo(pid);
                assertThat(Db.tableExists(db.dataSource(), "t2")).isFalse();
            } finally {
                release.countDown();
            }
            assertThat(holding.get().applied()).hasSize(1);
        }
    }

    @Test
    void statusShowsAppliedPendingMissingAndChanged(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("status")) {
            ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010001", String.format(TABLE, 1))
                    .sqlMigration("blog", "Migration202501010002", String.format(TABLE, 2))
                    .sqlMigration("product", "Migration202501010001", String.format(TABLE, 3))
                    .load().migrate();

            // The next release: blog 2 was deleted from the code, product 1 edited, blog 3 added.
            ModuleMigrations next = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010001", String.format(TABLE, 1))
                    .sqlMigration("blog", "Migration202501010003", String.format(TABLE, 4))
                    .sqlMigration("product", "Migration202501010001", String.format(TABLE, 3) + "-- edited\n")
                    .load();
            MigrationStatus status = next.status();

            ModuleStatus blog = status.module("blog");
            assertThat(blog.applied()).extracting(a -> a.name() + "|" + a.batch()).containsExactly("Migration202501010001|1");
            assertThat(blog.applied().get(0).checksum()).hasSize(8);
            assertThat(blog.applied().get(0).appliedAt()).isNotNull();
            assertThat(blog.pending()).containsExactly("Migration202501010003");
            assertThat(blog.missing()).containsExactly("Migration202501010002");
            assertThat(status.module("product").changed()).containsExactly("Migration202501010001");
            assertThat(status.upToDate()).isFalse();
            assertThat(status.lockHolder()).isNull();
        }
    }

    @Test
    void aMissingAppliedMigrationIsReportedNotFatal(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("missing")) {
            ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010001", String.format(TABLE, 1))
                    .load().migrate();

            MigrateResult result = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010002", String.format(TABLE, 2))
                    .load().migrate();

            assertThat(result.missing()).extracting(Object::toString).containsExactly("blog/Migration202501010001");
            assertThat(result.applied()).extracting(ExecutedMigration::name).containsExactly("Migration202501010002");
        }
    }

    @Test
    void statementTimeoutStopsALongMigrationAndSaysSo(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("statement_timeout")) {
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .statementTimeout(Duration.ofMillis(200))
                    .sqlMigration("blog", "Migration202501010001",
                            "-- migrate:up\ncreate table slow (id int);\nselect pg_sleep(5);\n-- migrate:down\ndrop table slow;\n")
                    .load();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, migrations::migrate);

            assertThat(e.getMessage()).contains("at statement 2", "select pg_sleep(5)", "statement timeout", "rolled back as a whole");
            assertThat(Db.tableExists(db.dataSource(), "slow")).isFalse();
        }
    }
}
