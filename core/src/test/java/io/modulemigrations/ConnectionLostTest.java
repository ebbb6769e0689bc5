package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** When the server ends the session mid-migration, the message says the connection was lost, not that the migration is wrong. */
@PostgresTest
class ConnectionLostTest {

    @Test
    void aTerminatedBackendIsReportedAsALostConnection(DataSource ds) throws Exception {
        ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table post (id int);\nselect pg_sleep(30);\n-- migrate:down\ndrop table post;\n")
                .load();

        Throwable failure = terminatedWhileRunning(migrations::migrate, ds, "select pg_sleep(30)");

        assertThat(failure).isInstanceOf(MigrationFailedException.class);
        assertThat(failure.getMessage()).contains("at statement 2", "The connection to the database was lost while it ran",
                "Its transaction ended with the connection, so the database rolled it back: nothing of it is applied or recorded.",
                "find out why the connection ended").doesNotContain("fix the migration");
        assertThat(Db.tableExists(ds, "post")).isFalse();
        assertThat(Db.history(ds)).isEmpty();
    }

    /**
     * The commit goes in the same batch as the statements; when the server ends the session during one
     * of them it says so, so the commit never ran and the message can say nothing stayed.
     */
    @Test
    void aBackendTerminatedInTheMiddleOfTheBatchThatCarriesTheCommitLeavesNothing(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("lost_in_batch")) {
            DataSource ds = db.dataSource();
            String sleep = "do $$ begin perform pg_sleep(30); end $$;";
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table post (id int);\n" + sleep
                            + "\n-- migrate:down\ndrop table post;\n")
                    .load();

            Throwable failure = terminatedWhileRunning(migrations::migrate, ds, sleep.substring(0, sleep.length() - 1));

            assertThat(failure).isInstanceOf(MigrationFailedException.class);
            assertThat(failure.getMessage()).contains("at statement 2", "The connection to the database was lost while it ran",
                    "Its transaction ended with the connection, so the database rolled it back: nothing of it is applied or recorded.")
                    .doesNotContain("is not known");
            assertThat(Db.tableExists(ds, "post")).isFalse();
            assertThat(Db.history(ds)).isEmpty();
        }
    }

    /**
     * All-or-nothing runs in one transaction on one connection; with the connection gone, putting the
     * connection back afterwards fails too, and must not take the place of the migration's failure.
     */
    @Test
    void anAllOrNothingRunThatLosesItsConnectionNamesTheMigration(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("lost_all_or_nothing")) {
            DataSource ds = db.dataSource();
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n")
                    .sqlMigration("blog", "Migration202601010002", "-- migrate:up\nselect pg_sleep(30);\n-- migrate:down\n")
                    .load();

            Throwable failure = terminatedWhileRunning(() -> migrations.migrate(MigrateOptions.defaults().withAllOrNothing(true)), ds,
                    "select pg_sleep(30)");

            assertThat(failure).isInstanceOf(MigrationFailedException.class);
            assertThat(failure.getMessage()).contains("migration Migration202601010002", "The connection to the database was lost while it ran",
                    "All-or-nothing: the whole run was one transaction and has been rolled back");
            assertThat(Db.tableExists(ds, "post")).isFalse();
            assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
        }
    }

    /** Runs {@code migrate} on another thread, ends its backend once it runs {@code query}, and returns what it threw. */
    private static Throwable terminatedWhileRunning(Runnable migrate, DataSource ds, String query) throws Exception {
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                migrate.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        String pid = waitForQuery(ds, query);
        Db.rows(ds, "select pg_terminate_backend(" + pid + ")");
        return run.get(30, TimeUnit.SECONDS);
    }

    /** Polls pg_stat_activity until another session runs {@code query}; its pid. */
    static String waitForQuery(DataSource ds, String query) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<String> pids = Db.rows(ds, "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                    + " and state = 'active' and query = '" + query.replace("'", "''") + "'");
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
        }
        throw new AssertionError("no session ran " + query + " within 30 s");
    }
}
