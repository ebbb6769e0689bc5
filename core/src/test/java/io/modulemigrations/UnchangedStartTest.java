package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlMigrationScanner;
import io.modulemigrations.sql.SqlMigrationSource;
import io.modulemigrations.sql.SqlResource;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With discovery left until needed (what an application that migrates as it starts asks for), a start
 * whose jar and history are as an earlier start of the same code found them lists and validates no
 * migration: the check table's row for the code and a digest of the history prove it. Anything else
 * (another jar, another history, a configuration that changes what is valid) is discovered and checked
 * as always.
 */
@PostgresTest
class UnchangedStartTest {

    private static final String AUTHOR = "-- migrate:up\ncreate table author (id int primary key);\n-- migrate:down\ndrop table author;\n";
    private static final String POST = "-- migrate:up\ncreate table post (id int primary key);\n-- migrate:down\ndrop table post;\n";
    private static final String TAG = "-- migrate:up\ncreate table tag (id int primary key);\n-- migrate:down\ndrop table tag;\n";

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("blog/Migration202501010001.sql", AUTHOR);
        files.put("blog/Migration202501010002.sql", POST);
        files.put("shop/Migration202501010001.sql", TAG);
        return files;
    }

    @Test
    void aRestartOfTheSameJarOnTheSameHistoryListsNoMigration(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_restart");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            assertThat(start(ds, new ListingCounter(app)).applied()).hasSize(3);

            ListingCounter second = new ListingCounter(app);
            assertThat(start(ds, second).nothingToDo()).isTrue();
            assertThat(second.listings).as("the first restart compares every migration, and records it").isEqualTo(1);
            assertThat(Db.rows(ds, "select modules from module_migrations_checks")).containsExactly("2");

            ListingCounter third = new ListingCounter(app);
            MigrateResult result = start(ds, third);

            assertThat(result.nothingToDo()).isTrue();
            assertThat(result.lockTaken()).isFalse();
            assertThat(third.listings).as("locations listed by a restart of the same jar").isZero();
        }
    }

    /** With {@code schema} set, the engine's tables are named with it and the history is not read through the search_path. */
    @Test
    void aRestartInAConfiguredSchemaListsNoMigrationEither(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_schema");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            for (int i = 0; i < 2; i++) {
                configure(ds, new ListingCounter(app)).schema("migrations").load().migrate();
            }
            ListingCounter third = new ListingCounter(app);

            assertThat(configure(ds, third).schema("migrations").load().migrate().nothingToDo()).isTrue();
            assertThat(third.listings).isZero();
            assertThat(Db.rows(ds, "select modules from migrations.module_migrations_checks")).containsExactly("2");
        }
    }

    @Test
    void aMigrationAddedToTheJarIsApplied(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_added")) {
            DataSource ds = db.dataSource();
            Map<String, String> files = files();
            try (URLClassLoader v1 = TestJars.loader(TestJars.jar(dir.resolve("v1.jar"), files))) {
                deployAndRestart(ds, v1);
            }
            files.put("shop/Migration202501010002.sql", "-- migrate:up\nalter table tag add column name text;\n-- migrate:down\nalter table tag drop column name;\n");
            try (URLClassLoader v2 = TestJars.loader(TestJars.jar(dir.resolve("v2.jar"), files))) {
                MigrateResult result = start(ds, new ListingCounter(v2));

                assertThat(result.applied()).extracting(m -> m.module() + "/" + m.name()).containsExactly("shop/Migration202501010002");
            }
        }
    }

    /** An upgrade: the history is older than the check table. Eight instances restarting at once all start; one records. */
    @Test
    void eightInstancesRestartingAtOnceOnAHistoryWithoutTheCheckTableAllStart(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_upgrade");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            start(ds, new ListingCounter(app));
            Db.execute(ds, "drop table module_migrations_checks");
            int instances = 8;
            CyclicBarrier together = new CyclicBarrier(instances);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                List<Future<MigrateResult>> results = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    ModuleMigrations engine = configure(ds, new ListingCounter(app)).load();
                    results.add(pool.submit(() -> {
                        together.await();
                        return engine.migrate();
                    }));
                }
                for (Future<MigrateResult> result : results) {
                    assertThat(result.get().nothingToDo()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(Db.rows(ds, "select modules from module_migrations_checks")).containsExactly("2");
        }
    }

    /** An operator deleted a history row (and undid the migration) by hand: the digest differs, so the migration runs again. */
    @Test
    void aHistoryRowDeletedByHandIsNoticed(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_edited");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            deployAndRestart(ds, app);
            Db.execute(ds, "drop table post");
            Db.execute(ds, "delete from module_migrations where module = 'blog' and name = 'Migration202501010002'");

            MigrateResult result = start(ds, new ListingCounter(app));

            assertThat(result.applied()).extracting(m -> m.module() + "/" + m.name()).containsExactly("blog/Migration202501010002");
            assertThat(Db.tableExists(ds, "post")).isTrue();
        }
    }

    /** The same files with a dependency cycle declared: invalid, and said so, although the jar and the history are as recorded. */
    @Test
    void aConfigurationThatMakesTheMigrationsInvalidIsNotProvenByTheRecord(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_config");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            deployAndRestart(ds, app);
            List<String> history = Db.history(ds);

            ModuleMigrations cyclic = configure(ds, new ListingCounter(app)).dependsOn("blog", "shop").dependsOn("shop", "blog").load();

            assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(cyclic::migrate).withMessageContaining("blog");
            assertThat(Db.history(ds)).isEqualTo(history);
        }
    }

    /** Discovery waits: load() does not see the problem, the migrate does, before anything changes. */
    @Test
    void anInvalidMigrationStopsTheMigrateBeforeAnyChange(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_invalid");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), Map.of("blog/migration-1.sql", AUTHOR)))) {
            DataSource ds = db.dataSource();
            ModuleMigrations engine = configure(ds, new ListingCounter(app)).load();

            assertThatExceptionOfType(InvalidMigrationsException.class).isThrownBy(engine::migrate).withMessageContaining("migration-1");
            assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
        }
    }

    /** A directory has no directory of CRCs to fingerprint: every start lists it, and nothing is recorded. */
    @Test
    void aDirectoryIsListedOnEveryStart(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_directory")) {
            DataSource ds = db.dataSource();
            Path blog = Files.createDirectories(dir.resolve("blog"));
            Files.writeString(blog.resolve("Migration202501010001.sql"), AUTHOR);
            SqlMigrationSource files = new SqlMigrationScanner(getClass().getClassLoader());
            for (int i = 0; i < 3; i++) {
                ListingCounter counter = new ListingCounter(files);
                ModuleMigrations.configure().dataSource(ds).sqlMigrationSource(counter).locations("filesystem:" + dir)
                        .discoverWhenNeeded(true).load().migrate();
                assertThat(counter.listings).isEqualTo(1);
            }
            assertThat(Db.rows(ds, "select count(*) from module_migrations_checks")).containsExactly("0");
        }
    }

    /**
     * Loading, which is what creating an application's bean does, reads no archive and no migration: the
     * first operation (a start's early read, on a thread of its own) fingerprints the jar, and only once.
     */
    @Test
    void loadingReadsNothingTheFirstOperationFingerprintsTheJarOnce(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_lazy");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            deployAndRestart(ds, app);

            ListingCounter source = new ListingCounter(app);
            ModuleMigrations migrations = configure(ds, source).load();
            assertThat(source.fingerprints).as("archives fingerprinted by load()").isZero();

            assertThat(migrations.upToDate(MigrateOptions.defaults())).isPresent();
            assertThat(migrations.migrate().nothingToDo()).isTrue();
            assertThat(source.fingerprints).as("archives fingerprinted by the two operations").isEqualTo(1);
            assertThat(source.listings).isZero();
        }
    }

    /** A first deploy, then a restart, which compares every migration and records the check. */
    private static void deployAndRestart(DataSource ds, URLClassLoader app) {
        start(ds, new ListingCounter(app));
        assertThat(start(ds, new ListingCounter(app)).nothingToDo()).isTrue();
    }

    private static MigrateResult start(DataSource ds, ListingCounter source) {
        return configure(ds, source).load().migrate();
    }

    private static FluentConfiguration configure(DataSource ds, ListingCounter source) {
        return ModuleMigrations.configure().dataSource(ds).sqlMigrationSource(source).locations("classpath:db/migrations")
                .discoverWhenNeeded(true);
    }

    /** A source that counts how often a location is listed, and how often it is fingerprinted. */
    private static final class ListingCounter implements SqlMigrationSource {

        private final SqlMigrationSource delegate;
        int listings;
        int fingerprints;

        ListingCounter(URLClassLoader loader) {
            this(new SqlMigrationScanner(loader));
        }

        ListingCounter(SqlMigrationSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<SqlResource> sqlFiles(Location location) {
            listings++;
            return delegate.sqlFiles(location);
        }

        @Override
        public @Nullable String fingerprint(Location location) {
            fingerprints++;
            return delegate.fingerprint(location);
        }
    }
}
