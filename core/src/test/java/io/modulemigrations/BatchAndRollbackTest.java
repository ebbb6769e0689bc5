package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Medusa's rollback said "last batch" but reverted one migration; here a batch is a real run. */
@PostgresTest
class BatchAndRollbackTest {

    static String table(String name) {
        return "-- migrate:up\ncreate table " + name + " (id int primary key);\n-- migrate:down\ndrop table " + name + ";\n";
    }

    static FluentConfiguration firstRelease(DataSource ds) {
        return ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202501010001", table("blog_one"))
                .sqlMigration("blog", "Migration202501010002", table("blog_two"))
                .sqlMigration("product", "Migration202501010001", table("product_one"));
    }

    @Test
    void rollbackUndoesExactlyTheModulesLatestBatch(DataSource ds) {
        MigrateResult run1 = firstRelease(ds).load().migrate();
        assertThat(run1.batch()).isEqualTo(1);

        ModuleMigrations secondRelease = firstRelease(ds).sqlMigration("blog", "Migration202501020001", table("blog_three")).load();
        MigrateResult run2 = secondRelease.migrate();
        assertThat(run2.batch()).isEqualTo(2);
        assertThat(run2.applied()).extracting(e -> e.id().toString()).containsExactly("blog/Migration202501020001");
        assertThat(Db.history(ds)).containsExactly(
                "blog/Migration202501010001|1", "blog/Migration202501010002|1", "blog/Migration202501020001|2",
                "product/Migration202501010001|1");

        RollbackResult first = secondRelease.rollback("blog");
        assertThat(first.reverted()).extracting(e -> e.id().toString()).containsExactly("blog/Migration202501020001");
        assertThat(Db.tableExists(ds, "blog_three")).isFalse();
        assertThat(Db.history(ds)).containsExactly(
                "blog/Migration202501010001|1", "blog/Migration202501010002|1", "product/Migration202501010001|1");

        RollbackResult second = secondRelease.rollback("blog");
        assertThat(second.reverted()).extracting(e -> e.id().toString())
                .containsExactly("blog/Migration202501010002", "blog/Migration202501010001");
        assertThat(Db.tableExists(ds, "blog_one")).isFalse();
        assertThat(Db.tableExists(ds, "blog_two")).isFalse();
        assertThat(Db.history(ds)).containsExactly("product/Migration202501010001|1");
        assertThat(Db.tableExists(ds, "product_one")).isTrue();

        assertThat(secondRelease.rollback("blog").nothingToDo()).isTrue();
        assertThat(Db.history(ds)).containsExactly("product/Migration202501010001|1");
    }

    @Test
    void stepsUndoThatManyMigrationsAcrossBatchesAndDryRunChangesNothing(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("steps")) {
            DataSource ds = db.dataSource();
            firstRelease(ds).load().migrate();
            ModuleMigrations secondRelease = firstRelease(ds).sqlMigration("blog", "Migration202501020001", table("blog_three")).load();
            secondRelease.migrate();
            List<String> catalog = Db.catalog(ds);
            List<String> history = Db.history(ds);

            RollbackResult plan = secondRelease.rollback(List.of("blog"), RollbackOptions.latestBatch().withSteps(2).withDryRun(true));
            assertThat(plan.reverted()).isEmpty();
            assertThat(plan.plan()).extracting(p -> p.id().toString())
                    .containsExactly("blog/Migration202501020001", "blog/Migration202501010002");
            assertThat(plan.planSql()).contains("drop table blog_three;", "drop table blog_two;");
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
            assertThat(Db.history(ds)).isEqualTo(history);

            RollbackResult done = secondRelease.rollback(List.of("blog"), RollbackOptions.latestBatch().withSteps(2));
            assertThat(done.reverted()).extracting(e -> e.id().toString())
                    .containsExactly("blog/Migration202501020001", "blog/Migration202501010002");
            assertThat(Db.history(ds)).containsExactly("blog/Migration202501010001|1", "product/Migration202501010001|1");
        }
    }

    /**
     * A rollback whose downs all run in a transaction is one transaction; each down goes to the server
     * with its history delete and the session reset in one round trip, and what a down sets (here a
     * {@code search_path} to a schema that does not exist) does not reach the next one.
     */
    @Test
    void eachDownOfARollbackInOneTransactionIsOneRoundTrip(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("rollback_round_trips")) {
            DataSource ds = db.dataSource();
            AtomicInteger batches = new AtomicInteger();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(JdbcWrappers.counting(ds, batches)).locations();
            for (int n = 1; n <= 5; n++) {
                config.sqlMigration("blog", "Migration20250101000" + n, "-- migrate:up\ncreate table t" + n + " (id int);\n"
                        + "-- migrate:down\ndrop table t" + n + ";\nset search_path to nowhere;\n");
            }
            ModuleMigrations migrations = config.load();
            migrations.migrate();
            batches.set(0);

            RollbackResult result = migrations.rollback("blog");

            assertThat(result.reverted()).extracting(e -> e.id().name()).containsExactly("Migration202501010005", "Migration202501010004",
                    "Migration202501010003", "Migration202501010002", "Migration202501010001");
            assertThat(batches.get()).as("one round trip per down").isEqualTo(5);
            assertThat(Db.history(ds)).isEmpty();
            assertThat(List.of(1, 2, 3, 4, 5)).noneMatch(n -> Db.tableExists(ds, "t" + n));
        }
    }
}
