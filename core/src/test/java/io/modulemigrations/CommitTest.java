package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A migration in a transaction commits in the same round trip as its statements and history row; a
 * commit that fails (a deferred constraint is checked only then) is reported as such and leaves
 * nothing behind.
 */
@PostgresTest
class CommitTest {

    private static final String TABLES = "-- migrate:up\n"
            + "create table author (id int primary key);\n"
            + "create table post (id int primary key, author_id int references author deferrable initially deferred);\n"
            + "-- migrate:down\ndrop table post;\ndrop table author;\n";

    @Test
    void aMigrationWhoseCommitFailsIsReportedAsSuchAndNothingOfItStays(DataSource ds) {
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202601010001", TABLES)
                .sqlMigration("blog", "Migration202601010002", "-- migrate:up\ninsert into post values (1, 42);\n"
                        + "-- migrate:down\ndelete from post;\n")
                .sqlMigration("blog", "Migration202601010003", "-- migrate:up\ncreate table tag (id int);\n-- migrate:down\ndrop table tag;\n");

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

        assertThat(e.getMessage()).contains("migration Migration202601010002",
                "its statements ran and its history row was written, but the commit failed",
                "violates foreign key constraint", "This migration was rolled back as a whole: nothing of it is applied or recorded.");
        assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1");
        assertThat(Db.rows(ds, "select count(*) from post")).containsExactly("0");
        assertThat(Db.tableExists(ds, "tag")).as("the next migration did not run").isFalse();
    }

    /** All-or-nothing holds the run in one transaction: a refused commit is the run's, and leaves the database as before it. */
    @Test
    void anAllOrNothingRunWhoseCommitIsRefusedSaysSoAndLeavesTheDatabaseAsBefore(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("all_or_nothing_commit")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations()
                    .sqlMigration("blog", "Migration202601010001", TABLES)
                    .sqlMigration("blog", "Migration202601010002", "-- migrate:up\ninsert into post values (1, 42);\n-- migrate:down\ndelete from post;\n");

            MigrationException e = catchThrowableOfType(MigrationException.class,
                    () -> config.load().migrate(MigrateOptions.defaults().withAllOrNothing(true)));

            assertThat(e.getMessage()).contains("All-or-nothing: the run's 2 migration(s) (blog/Migration202601010001, blog/Migration202601010002)"
                    + " ran in one transaction, but the database refused its commit", "violates foreign key constraint",
                    "the schema and the history are exactly as they were before the run", "Next: fix what the database names");
            assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
            assertThat(Db.tableExists(ds, "post")).isFalse();
        }
    }

    /** A rollback of transactional downs is one transaction: a refused commit leaves every migration applied and recorded. */
    @Test
    void aRollbackWhoseOneCommitIsRefusedSaysSoAndKeepsEverythingApplied(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("rollback_commit")) {
            DataSource ds = db.dataSource();
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds).locations()
                    .sqlMigration("blog", "Migration202601010001", TABLES)
                    .sqlMigration("blog", "Migration202601010002", "-- migrate:up\ninsert into author values (42);\ninsert into post values (1, 42);\n"
                            + "-- migrate:down\ndelete from author;\n")
                    .load();
            migrations.migrate();

            MigrationException e = catchThrowableOfType(MigrationException.class,
                    () -> migrations.rollback(List.of("blog"), RollbackOptions.latestBatch().withSteps(1)));

            assertThat(e.getMessage()).contains("The rollback of 1 migration(s) (blog/Migration202601010002) ran in one transaction,"
                    + " but the database refused its commit", "violates foreign key constraint",
                    "every migration is still applied and recorded as before");
            assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1", "blog/Migration202601010002|1");
            assertThat(Db.rows(ds, "select count(*) from author")).containsExactly("1");
        }
    }

    /**
     * A connection that fails while the commit is on its way leaves the outcome unknown: the message must
     * not claim either. The failure is injected where the driver would raise it (the commit never reaches
     * the server here, so the truth is "none").
     */
    @Test
    void anAllOrNothingCommitLostOnTheWayIsReportedAsUnknown(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("all_or_nothing_lost")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(commitFailing(ds)).locations()
                    .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table tag (id int);\n-- migrate:down\ndrop table tag;\n");

            MigrationException e = catchThrowableOfType(MigrationException.class,
                    () -> config.load().migrate(MigrateOptions.defaults().withAllOrNothing(true)));

            assertThat(e.getMessage()).contains("the connection failed while committing it",
                    "Whether the commit reached the database is unknown: either all of them are applied and recorded, or none is",
                    "Next: run db:status").doesNotContain("rolled back");
            assertThat(Db.tableExists(ds, "tag")).isFalse();
        }
    }

    /** Connections whose commit of a transaction closes the connection and fails as the driver does when the socket breaks. */
    private static DataSource commitFailing(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(CommitTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(method, ds, args);
            if (!(result instanceof Connection real)) {
                return result;
            }
            return Proxy.newProxyInstance(CommitTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("commit") && !real.getAutoCommit()) {
                    real.close();
                    throw new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
                }
                return invoke(m, real, a);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
