package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.TestDatabase;
import io.modulemigrations.test.PostgresTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Liquibase and Knex lock rows outlive a killed process. Here a separate JVM is killed with SIGKILL
 * while it holds the lock in the middle of a long migration, and the next run needs no unlock.
 */
@PostgresTest
class CrashTest {

    static final String FIRST = "Migration202501010001";
    static final String FIRST_SQL = "-- migrate:up\ncreate table author (id int primary key);\n-- migrate:down\ndrop table author;\n";
    static final String LONG = "Migration202501010002";
    static final String LONG_SQL_UP = "-- migrate:up\ncreate table post (id int primary key);\ninsert into post values (1);\n";
    /** The child's session inside the long statement (the engine names its sessions "module-migrations@<host>"). */
    static final String SLEEPING_CHILD = "select pid from pg_stat_activity where application_name like 'module-migrations@%'"
            + " and state = 'active' and query like 'select pg_sleep(300)%'";
    static final String LONG_SQL_DOWN = "-- migrate:down\ndrop table post;\n";

    @Test
    @Timeout(120)
    void aKilledHoldersLockAndHalfDoneMigrationVanishWithIt(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        Path log = Files.createTempFile("crash-child", ".log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), db.jdbcUrl(), db.user(), db.password())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Wait until the child is inside the long migration, holding the lock.
            awaitRows(ds, SLEEPING_CHILD, child, log);
            assertThat(Db.rows(ds, "select count(*) from pg_locks where locktype = 'advisory' and granted")).containsExactly("1");

            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);

            // The killed migration's work and history row are absent.
            awaitNoRows(ds, SLEEPING_CHILD);
            assertThat(Db.history(ds)).containsExactly("blog/" + FIRST + "|1");
            assertThat(Db.tableExists(ds, "post")).isFalse();

            // A new run completes without any manual unlock and re-applies it.
            MigrateResult rerun = ModuleMigrations.configure().dataSource(ds).locations()
                    .lockWaitTimeout(Duration.ofSeconds(30))
                    .sqlMigration("blog", FIRST, FIRST_SQL)
                    .sqlMigration("blog", LONG, LONG_SQL_UP + LONG_SQL_DOWN)
                    .load().migrate();
            assertThat(rerun.applied()).extracting(e -> e.name()).containsExactly(LONG);
            assertThat(Db.history(ds)).containsExactly("blog/" + FIRST + "|1", "blog/" + LONG + "|2");
            assertThat(Db.rows(ds, "select count(*) from post")).containsExactly("1");
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** Polls the database until the query returns a row; fails with the child's output if it exits first. */
    static void awaitRows(DataSource ds, String sql, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Db.rows(ds, sql).isEmpty()) {
            if (!child.isAlive()) {
                throw new AssertionError("child exited early: " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("child never reached the long migration: " + Files.readString(log));
            }
            Thread.onSpinWait();
        }
    }

    static void awaitNoRows(DataSource ds, String sql) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> rows;
        while (!(rows = Db.rows(ds, sql)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the killed session is still there: " + rows);
            }
            Thread.onSpinWait();
        }
    }
}
