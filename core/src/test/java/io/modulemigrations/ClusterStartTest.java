package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.TestDatabase;
import io.modulemigrations.test.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * TypeORM and MikroORM had no lock, and Liquibase instances raced to create their tables: here eight
 * instances start at once on an empty database, each with its own DataSource.
 */
@PostgresTest
class ClusterStartTest {

    static ModuleMigrations instance(TestDatabase db) {
        return ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                .lockWaitTimeout(Duration.ofSeconds(60))
                .sqlMigration("blog", "Migration202501010001",
                        "-- migrate:up\ncreate table applied_log (migration text);\ninsert into applied_log values ('blog 1');\nselect pg_sleep(0.2);\n-- migrate:down\ndrop table applied_log;\n")
                .sqlMigration("blog", "Migration202501010002",
                        "-- migrate:up\ninsert into applied_log values ('blog 2');\n-- migrate:down\ndelete from applied_log where migration = 'blog 2';\n")
                .sqlMigration("product", "Migration202501010001",
                        "-- migrate:up\ninsert into applied_log values ('product 1');\ncreate table product (id text);\n-- migrate:down\ndrop table product;\n")
                .dependsOn("product", "blog")
                .load();
    }

    @Test
    void eightInstancesAtOnceOnAnEmptyDatabaseApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
        assertThat(Db.tableExists(db.dataSource(), "module_migrations")).isFalse();
        int instances = 8;
        List<ModuleMigrations> engines = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            engines.add(instance(db));
        }
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<MigrateResult>> results = new ArrayList<>();
        try {
            for (ModuleMigrations engine : engines) {
                results.add(pool.submit(() -> {
                    start.await();
                    return engine.migrate();
                }));
            }
            List<MigrateResult> done = new ArrayList<>();
            for (Future<MigrateResult> f : results) {
                done.add(f.get());
            }

            assertThat(done).filteredOn(r -> !r.nothingToDo()).hasSize(1)
                    .first().satisfies(r -> assertThat(r.applied()).hasSize(3));
            assertThat(done).filteredOn(MigrateResult::nothingToDo).hasSize(7);
            assertThat(Db.rows(db.dataSource(), "select migration, count(*) from applied_log group by migration order by 1"))
                    .containsExactly("blog 1|1", "blog 2|1", "product 1|1");
            assertThat(Db.history(db.dataSource())).containsExactly(
                    "blog/Migration202501010001|1", "blog/Migration202501010002|1", "product/Migration202501010001|1");
        } finally {
            pool.shutdownNow();
        }
    }
}
