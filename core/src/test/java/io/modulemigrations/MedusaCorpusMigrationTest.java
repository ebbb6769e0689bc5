package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Real migrations: the Medusa corpus (multi-statement entries, DO blocks, comments, irreversible
 * migrations), all modules but workflow_engine_redis, which clashes with workflow_engine_inmemory.
 */
@PostgresTest
public class MedusaCorpusMigrationTest {

    /** The corpus folder: {@code -Dmedusa.corpus}, else shared/corpus/medusa beside the checkout. */
    public static Path corpus() {
        for (String candidate : new String[] {System.getProperty("medusa.corpus"), "../../shared/corpus/medusa", "/work/shared/corpus/medusa"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new AssertionError("Medusa corpus not found: set -Dmedusa.corpus (shared/corpus/medusa beside the checkout)");
    }

    /** Every corpus migration but workflow_engine_redis's, as SQL migrations of their modules. */
    public static FluentConfiguration corpusMigrations(DataSource ds) throws IOException {
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations();
        try (Stream<Path> files = Files.walk(corpus())) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".sql"))::iterator) {
                String module = file.getParent().getFileName().toString();
                if (!module.equals("workflow_engine_redis")) {
                    String name = file.getFileName().toString().replace(".sql", "");
                    config.sqlMigration(module, name, Files.readString(file));
                }
            }
        }
        return config;
    }

    @Test
    void theWholeCorpusAppliesAtConcurrencyFourAndAModuleRollsBackToEmpty(PostgresServer server) throws IOException {
        try (TestDatabase db = server.createDatabase("medusa")) {
            DataSource ds = db.dataSource();
            List<String> empty = Db.catalog(ds);
            ModuleMigrations migrations = corpusMigrations(ds).load();
            assertThat(migrations.modules()).hasSize(26);

            MigrateResult plan = migrations.migrate(MigrateOptions.defaults().withDryRun(true));
            assertThat(plan.plan()).hasSize(193);
            assertThat(Db.catalog(ds)).isEqualTo(empty);

            MigrateResult result = migrations.migrate(MigrateOptions.defaults().withConcurrency(4));
            assertThat(result.applied()).hasSize(193);
            assertThat(Db.rows(ds, "select count(*) from module_migrations where batch = 1")).containsExactly("193");
            assertThat(migrations.status().upToDate()).isTrue();
            assertThat(migrations.migrate().nothingToDo()).isTrue();

            List<String> stockTables = Db.rows(ds, "select tablename from pg_tables where tablename like 'stock_location%' order by 1");
            assertThat(stockTables).isNotEmpty();
            RollbackResult back = migrations.rollback(List.of("stock_location"), RollbackOptions.latestBatch());
            assertThat(back.reverted()).hasSize(4);
            assertThat(Db.rows(ds, "select tablename from pg_tables where tablename like 'stock_location%'")).isEmpty();
            assertThat(migrations.status().module("stock_location").pending()).hasSize(4);
        }
    }
}
