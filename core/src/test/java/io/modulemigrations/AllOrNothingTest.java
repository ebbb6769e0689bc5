package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Medusa's --all-or-nothing reverted in completion order and could strip the latest migration of
 * modules that had nothing pending. Here the database ends exactly as before the run.
 */
@PostgresTest
class AllOrNothingTest {

    private static final String FAILING = "insert into no_such_table values (1)";

    static String sql(String up, String down) {
        return "-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n";
    }

    /** What was applied before the run: delta's only migration and alpha's first. */
    static FluentConfiguration before(DataSource ds) {
        return ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("alpha", "Migration202501010001", sql("create table alpha_one (id int primary key, v text);", "drop table alpha_one;"))
                .sqlMigration("delta", "Migration202501010001", sql("create table delta_one (id int primary key);", "drop table delta_one;"));
    }

    /** The release: two more in alpha, three in beta (the second fails at its third statement), two in gamma. */
    static FluentConfiguration release(DataSource ds, boolean alphaIndexConcurrently) {
        String alphaIndex = alphaIndexConcurrently
                ? "-- migrate:up transaction:false\ncreate index concurrently alpha_one_v on alpha_one (v);\n-- migrate:down\ndrop index alpha_one_v;\n"
                : sql("create index alpha_one_v on alpha_one (v);", "drop index alpha_one_v;");
        return before(ds)
                .sqlMigration("alpha", "Migration202501020001", sql("alter table alpha_one add column w int not null default 0;", "alter table alpha_one drop column w;"))
                .sqlMigration("alpha", "Migration202501020002", alphaIndex)
                .sqlMigration("beta", "Migration202501020001", sql("create table beta_one (id int primary key);", "drop table beta_one;"))
                .sqlMigration("beta", "Migration202501020002", sql(
                        "create table beta_two (id int primary key references beta_one(id));\ninsert into beta_one values (1);\n" + FAILING + ";",
                        "drop table beta_two;"))
                .sqlMigration("beta", "Migration202501020003", sql("create table beta_three (id int);", "drop table beta_three;"))
                .sqlMigration("gamma", "Migration202501020001", sql("create type gamma_mood as enum ('calm', 'busy');", "drop type gamma_mood;"))
                .sqlMigration("gamma", "Migration202501020002", sql("create table gamma_one (id int, mood gamma_mood);", "drop table gamma_one;"));
    }

    @ParameterizedTest(name = "concurrency {0}, alpha index without transaction: {1}")
    @CsvSource({"1, false", "4, false", "1, true", "4, true"})
    void failureInTheSecondOfThreeModulesLeavesSchemaAndHistoryAsBefore(int concurrency, boolean nonTransactional, PostgresServer server) {
        try (TestDatabase db = server.createDatabase("all_or_nothing")) {
            DataSource ds = db.dataSource();
            before(ds).load().migrate();
            List<String> catalog = Db.catalog(ds);
            List<String> history = Db.history(ds);
            assertThat(history).containsExactly("alpha/Migration202501010001|1", "delta/Migration202501010001|1");

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> release(ds, nonTransactional).load()
                    .migrate(MigrateOptions.defaults().withConcurrency(concurrency).withAllOrNothing(true)));

            assertThat(e.migration().toString()).isEqualTo("beta/Migration202501020002");
            assertThat(e.statement()).isEqualTo(FAILING + ";");
            assertThat(e.getMessage()).contains("module beta, migration Migration202501020002", "at statement 3", FAILING,
                    "relation \"no_such_table\" does not exist");
            assertThat(e.kept()).isEmpty();
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
            assertThat(Db.history(ds)).isEqualTo(history);
        }
    }

    @ParameterizedTest(name = "alpha index without transaction: {0}")
    @CsvSource({"false", "true"})
    void aFailedFirstRunOnAnEmptyDatabaseLeavesNoHistoryTable(boolean nonTransactional, PostgresServer server) {
        try (TestDatabase db = server.createDatabase("all_or_nothing_first_run")) {
            DataSource ds = db.dataSource();
            List<String> catalog = Db.catalog(ds);

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> release(ds, nonTransactional).load()
                    .migrate(MigrateOptions.defaults().withAllOrNothing(true)));

            assertThat(e.getMessage()).contains(nonTransactional
                    ? "the history tables this run had created were dropped again"
                    : "the schema and the history are exactly as they were before the run");
            assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
        }
    }

    @Test
    void withoutAllOrNothingCompletedWorkStaysAndTheErrorSaysWhatFailed(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("partial")) {
            DataSource ds = db.dataSource();
            before(ds).load().migrate();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class,
                    () -> release(ds, false).load().migrate(MigrateOptions.defaults()));

            assertThat(e.getMessage())
                    .contains("module beta, migration Migration202501020002 (up", "at statement 3 (line 4", FAILING,
                            "relation \"no_such_table\" does not exist",
                            "This migration was rolled back as a whole",
                            "Applied in this run and kept (batch 2): alpha/Migration202501020001, alpha/Migration202501020002, beta/Migration202501020001",
                            "Not applied: beta (2), gamma (2)",
                            "Next: fix the migration");
            assertThat(e.kept()).extracting(k -> k.id().toString())
                    .containsExactly("alpha/Migration202501020001", "alpha/Migration202501020002", "beta/Migration202501020001");
            assertThat(Db.history(ds)).containsExactly(
                    "alpha/Migration202501010001|1", "alpha/Migration202501020001|2", "alpha/Migration202501020002|2",
                    "beta/Migration202501020001|2", "delta/Migration202501010001|1");
            assertThat(Db.tableExists(ds, "beta_one")).isTrue();
            assertThat(Db.tableExists(ds, "beta_two")).isFalse();
            assertThat(Db.rows(ds, "select count(*) from beta_one")).containsExactly("0");
        }
    }

    @Test
    void allOrNothingRefusesUpFrontWhenANonTransactionalRunCouldNotBeUndone(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("refuse")) {
            DataSource ds = db.dataSource();
            List<String> catalog = Db.catalog(ds);
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds).locations()
                    .sqlMigration("alpha", "Migration202501010001", "-- migrate:up transaction:false\ncreate table a (id int);\n")
                    .load();

            MigrationException e = catchThrowableOfType(MigrationException.class,
                    () -> migrations.migrate(MigrateOptions.defaults().withAllOrNothing(true)));

            assertThat(e.getMessage()).contains("alpha/Migration202501010001 cannot be undone", "Nothing was changed");
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
            assertThat(Db.tableExists(ds, "a")).isFalse();
        }
    }
}
