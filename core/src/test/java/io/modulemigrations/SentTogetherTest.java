package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A module's consecutive SQL migrations that run in a transaction go to the server as one JDBC batch
 * (one round trip), each still its own transaction with its history row: what a user sees is what
 * one migration per round trip gives, on success and on failure.
 */
@PostgresTest
class SentTogetherTest {

    private static String name(int n) {
        return "Migration2026010100" + String.format("%02d", n);
    }

    @Test
    void aModulesMigrationsGoInOneRoundTripEachCommittedOnItsOwn(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("together_applied")) {
            DataSource ds = db.dataSource();
            AtomicInteger batches = new AtomicInteger();
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(JdbcWrappers.counting(ds, batches))
                    .sqlMigration("blog", name(1), "-- migrate:up\ncreate table post (id int primary key);\n-- migrate:down\ndrop table post;\n")
                    .sqlMigration("blog", name(2), "-- migrate:up\ncreate schema elsewhere;\nset search_path to elsewhere;\n"
                            + "create table note (id int);\n-- migrate:down\ndrop schema elsewhere cascade;\n")
                    .sqlMigration("blog", name(3), "-- migrate:up\ncreate table tag (id int);\n-- migrate:down\ndrop table tag;\n")
                    .sqlMigration("blog", name(4), "-- migrate:up\ninsert into post values (1);\n-- migrate:down\ndelete from post;\n")
                    .sqlMigration("blog", name(5), "-- migrate:up\nalter table post add column title text;\n-- migrate:down\n"
                            + "alter table post drop column title;\n")
                    .load();

            MigrateResult result = migrations.migrate();

            assertThat(result.applied()).extracting(ExecutedMigration::name).containsExactly(name(1), name(2), name(3), name(4), name(5));
            assertThat(batches.get()).as("the five migrations went to the server in one JDBC batch").isEqualTo(1);
            assertThat(Db.rows(ds, "select count(distinct xmin::text) from module_migrations")).as("each in a transaction of its own")
                    .containsExactly("5");
            assertThat(Db.rows(ds, "select table_schema from information_schema.tables where table_name = 'tag'"))
                    .as("the search_path migration 2 set did not reach migration 3").containsExactly("public");
            List<String> recorded = Db.rows(ds, "select name || '|' || execution_ms from module_migrations order by name");
            assertThat(result.applied()).extracting(e -> e.name() + "|" + e.duration().toMillis())
                    .as("each one's duration is the one its history row records").containsExactlyElementsOf(recorded);
            assertThat(Db.rows(ds, "select id, title from post")).containsExactly("1|null");
        }
    }

    /** A listener that only records durations does not stop them going together; it hears of each after, in order. */
    @Test
    void aListenerThatDoesNotWatchEachStepHearsOfEachAfterTheRoundTrip(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("together_listened")) {
            DataSource ds = db.dataSource();
            AtomicInteger batches = new AtomicInteger();
            List<String> heard = new ArrayList<>();
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(JdbcWrappers.counting(ds, batches))
                    .listener(new MigrationListener() {
                        @Override
                        public boolean watchesEachStep() {
                            return false;
                        }

                        @Override
                        public void migrationStarted(MigrationId id, Direction direction) {
                            heard.add("started " + id.name());
                        }

                        @Override
                        public void migrationFinished(MigrationId id, Direction direction, java.time.Duration duration, Throwable failure) {
                            heard.add("finished " + id.name() + " " + duration.toMillis() + (failure == null ? "" : " failed"));
                        }
                    })
                    .sqlMigration("blog", name(1), "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n")
                    .sqlMigration("blog", name(2), "-- migrate:up\ndo $$ begin perform pg_sleep(0.05); end $$;\n-- migrate:down\n")
                    .sqlMigration("blog", name(3), "-- migrate:up\ncreate table tag (id int);\n-- migrate:down\ndrop table tag;\n")
                    .load();

            migrations.migrate();

            List<String> recorded = Db.rows(ds, "select name || ' ' || execution_ms from module_migrations order by name");
            assertThat(batches.get()).as("the three went in one round trip").isEqualTo(1);
            assertThat(heard).containsExactly("started " + name(1), "finished " + recorded.get(0), "started " + name(2),
                    "finished " + recorded.get(1), "started " + name(3), "finished " + recorded.get(2));
            assertThat(recorded.get(1)).as("the sleep's migration took its time").matches(name(2) + " ([5-9][0-9]|[1-9][0-9]{2,})");
        }
    }

    /**
     * 60 migrations of eight batch entries each: more than the driver sends before it stops to read
     * results (about 250 entries), so the failure is also read part-way through what was sent; nothing
     * after the failing migration may run.
     */
    @Test
    void aFailureKeepsTheMigrationsBeforeItAndRunsNoneAfterIt(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("together_failed")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(ds);
            for (int n = 1; n <= 60; n++) {
                String value = n == 5 ? "'five'" : "2";
                config.sqlMigration("blog", name(n), "-- migrate:up\ncreate table t" + n + " (id int);\ninsert into t" + n + " values (1);\n"
                        + "insert into t" + n + " values (" + value + ");\n-- migrate:down\ndrop table t" + n + ";\n");
            }

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

            assertThat(e.getMessage()).contains("Failed: module blog, migration " + name(5) + " (up, ", "at statement 3 (line 4, column 24):",
                    "insert into t5 values ('five')", "invalid input syntax for type integer",
                    "This migration was rolled back as a whole: nothing of it is applied or recorded.",
                    "Applied in this run and kept (batch 1): blog/" + name(1) + ", blog/" + name(2) + ", blog/" + name(3) + ", blog/" + name(4) + ".",
                    "Not applied: blog (56).");
            assertThat(e.migration()).isEqualTo(new MigrationId("blog", name(5)));
            assertThat(e.kept()).hasSize(4);
            assertThat(Db.history(ds)).containsExactly("blog/" + name(1) + "|1", "blog/" + name(2) + "|1", "blog/" + name(3) + "|1",
                    "blog/" + name(4) + "|1");
            assertThat(IntStream.rangeClosed(1, 60).filter(n -> Db.tableExists(ds, "t" + n)).boxed().toList())
                    .as("tables of the migrations kept; none of the failing one or after it").containsExactly(1, 2, 3, 4);
        }
    }

    /**
     * When the connection fails with the batch sent, the server may have committed any of its
     * migrations: the message must not call them not applied. Here the server ran them all and the
     * driver reports the connection failing afterwards.
     */
    @Test
    void aConnectionFailingAfterTheBatchWasSentLeavesItsMigrationsNamedAsNotKnown(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("together_lost")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(JdbcWrappers.counting(ds, new AtomicInteger(),
                    new SQLException("An I/O error occurred while sending to the backend.", "08006")));
            for (int n = 1; n <= 3; n++) {
                config.sqlMigration("blog", name(n), "-- migrate:up\ncreate table t" + n + " (id int);\n-- migrate:down\ndrop table t" + n + ";\n");
            }

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

            assertThat(e.getMessage()).contains("Failed: module blog, migration " + name(1),
                    "whether the commit took effect is not known",
                    "It was sent together with the module's next 2 migration(s) (" + name(2) + ", " + name(3) + ")",
                    "db:status lists those that are applied",
                    "Not known whether applied (the connection failed with them sent): blog/" + name(1) + ", blog/" + name(2) + ", blog/" + name(3) + ".",
                    "Not applied: none.")
                    .doesNotContain("Not applied: blog");
            assertThat(Db.history(ds)).as("what the server did, which the message left open").hasSize(3);
            assertThat(ModuleMigrations.configure().dataSource(ds).sqlMigration("blog", name(1), "-- migrate:up\ncreate table t1 (id int);\n-- migrate:down\ndrop table t1;\n")
                    .sqlMigration("blog", name(2), "-- migrate:up\ncreate table t2 (id int);\n-- migrate:down\ndrop table t2;\n")
                    .sqlMigration("blog", name(3), "-- migrate:up\ncreate table t3 (id int);\n-- migrate:down\ndrop table t3;\n")
                    .load().migrate().applied()).as("a second run finds them applied").isEmpty();
        }
    }

    /**
     * The connection failing before anything of the batch was sent (here creating its statement) is a
     * migration failure with the database's message, like any other, not an error of the engine's own.
     */
    @Test
    void aConnectionFailingBeforeTheBatchIsSentIsReportedAsTheFirstMigrationsFailure(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("together_unsent")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(JdbcWrappers.failingAfterAutoCommit(ds,
                    new SQLException("This connection has been closed.", "08003")));
            for (int n = 1; n <= 3; n++) {
                config.sqlMigration("blog", name(n), "-- migrate:up\ncreate table t" + n + " (id int);\n-- migrate:down\ndrop table t" + n + ";\n");
            }

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

            assertThat(e).as("a migration failure, not an engine error").isNotNull();
            assertThat(e.getMessage()).contains("Failed: module blog, migration " + name(1), "This connection has been closed.",
                    "nothing of it is applied or recorded", "Not applied: blog (3).").doesNotContain("sent together", "Not known whether applied");
            assertThat(e.migration()).isEqualTo(new MigrationId("blog", name(1)));
            assertThat(Db.history(ds)).as("nothing was sent").isEmpty();
        }
    }
}
