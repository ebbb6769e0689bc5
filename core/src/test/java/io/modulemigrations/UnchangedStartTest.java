package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.migration.ModuleMigration;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlMigrationScanner;
import io.modulemigrations.sql.SqlMigrationSource;
import io.modulemigrations.sql.SqlResource;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
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
            assertTheSecondRestartListsNoMigration(db.dataSource(), app, code -> code, 3);
            assertThat(Db.rows(db.dataSource(), "select modules from module_migrations_checks")).containsExactly("2");
        }
    }

    /** Starts with {@code code} three times: the first applies, the second compares every migration and records it, the third lists none. */
    private static void assertTheSecondRestartListsNoMigration(DataSource ds, URLClassLoader app, UnaryOperator<FluentConfiguration> code,
            int migrations) {
        assertThat(code.apply(configure(ds, new ListingCounter(app))).load().migrate().applied()).hasSize(migrations);

        ListingCounter second = new ListingCounter(app);
        assertThat(code.apply(configure(ds, second)).load().migrate().nothingToDo()).isTrue();
        assertThat(second.listings).as("the first restart compares every migration, and records it").isEqualTo(1);
        assertThat(Db.rows(ds, "select count(*) from module_migrations_checks")).containsExactly("1");

        ListingCounter third = new ListingCounter(app);
        MigrateResult result = code.apply(configure(ds, third)).load().migrate();

        assertThat(result.nothingToDo()).isTrue();
        assertThat(result.lockTaken()).isFalse();
        assertThat(third.listings).as("locations listed by a restart of the same code").isZero();
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

    /**
     * A directory keeps no checksums: it is listed and each file read for its CRC-32 at every start, as discovery
     * would, and those make its fingerprint. A restart of the same files then discovers nothing (a derived
     * {@code depends-on} is not asked for) and lists them once; an edit that keeps a file's size and time, or a file
     * added, is seen.
     */
    @Test
    void aDirectoryIsFingerprintedByItsFiles(PostgresServer server, @TempDir Path dir) throws Exception {
        Path migrations = TestJars.exploded(dir, files());
        try (TestDatabase db = server.createDatabase("unchanged_directory")) {
            DataSource ds = db.dataSource();
            SqlMigrationSource files = new SqlMigrationScanner(getClass().getClassLoader());
            assertAStartAfterTheRecordingOneDiscoversNothing(ds, files, "filesystem:" + migrations);

            Path author = migrations.resolve("blog/Migration202501010001.sql");
            FileTime time = Files.getLastModifiedTime(author);
            Files.writeString(author, AUTHOR.replace("author", "writer"));
            Files.setLastModifiedTime(author, time);
            assertThatExceptionOfType(ChecksumMismatchException.class)
                    .isThrownBy(() -> configure(ds, files, "filesystem:" + migrations, new Derived("v1")).load().migrate());
            Files.writeString(author, AUTHOR);

            Files.writeString(migrations.resolve("shop/Migration202501010002.sql"), BADGE);
            assertThat(configure(ds, files, "filesystem:" + migrations, new Derived("v1")).load().migrate().applied()).hasSize(1);
        }
    }

    /**
     * When something else leaves the code without a fingerprint (here a derived {@code depends-on} without one), the
     * directory's files are not read for one in vain: every start reads each file once, for discovery.
     */
    @Test
    void withoutAFingerprintADirectoryIsReadOncePerStart(PostgresServer server, @TempDir Path dir) throws Exception {
        Path migrations = TestJars.exploded(dir, files());
        try (TestDatabase db = server.createDatabase("unchanged_directory_none")) {
            SqlMigrationSource files = new SqlMigrationScanner(getClass().getClassLoader());
            for (int start = 1; start <= 2; start++) {
                ReadCounter reads = new ReadCounter(files);
                configure(db.dataSource(), reads, "filesystem:" + migrations, new Derived(null)).load().migrate();
                assertThat(reads.reads).as("files read by start %d", start).isEqualTo(3);
            }
        }
    }

    /** On a class path, a directory root (an exploded jar, as buildpacks run an application) is fingerprinted alike. */
    @Test
    void aRestartFromAnExplodedClassPathDiscoversNothing(PostgresServer server, @TempDir Path dir) throws Exception {
        TestJars.exploded(dir, files());
        try (TestDatabase db = server.createDatabase("unchanged_exploded");
                URLClassLoader app = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
            assertAStartAfterTheRecordingOneDiscoversNothing(db.dataSource(), new SqlMigrationScanner(app), "classpath:db/migrations");
        }
    }

    /**
     * Three starts listing {@code location} once each and reading each file once: a deploy, a restart that records
     * the check, and one that discovers nothing.
     */
    private static void assertAStartAfterTheRecordingOneDiscoversNothing(DataSource ds, SqlMigrationSource files, String location) {
        Derived derived = new Derived("v1");
        for (int start = 1; start <= 3; start++) {
            ReadCounter reads = new ReadCounter(files);
            ListingCounter counter = new ListingCounter(reads);
            MigrateResult result = configure(ds, counter, location, derived).load().migrate();
            assertThat(result.applied()).hasSize(start == 1 ? 3 : 0);
            assertThat(counter.listings).as("listings by start %d", start).isEqualTo(1);
            assertThat(reads.reads).as("files read by start %d", start).isEqualTo(3);
        }
        assertThat(derived.asked).as("discoveries: the deploy and the restart that records the check").isEqualTo(2);
        assertThat(Db.rows(ds, "select count(*) from module_migrations_checks")).containsExactly("1");
    }

    private static FluentConfiguration configure(DataSource ds, SqlMigrationSource files, String location, Derived derived) {
        return ModuleMigrations.configure().dataSource(ds).sqlMigrationSource(files).locations(location).dependsOnFrom(derived)
                .discoverWhenNeeded(true);
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

    /**
     * Migrations declared in code are in the fingerprint with their checksums, a Java one's {@code up}
     * recorded (as checking it always did): a restart of the same code on the same history lists nothing.
     */
    @Test
    void aRestartWithJavaAndInlineMigrationsListsNoMigration(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_java");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            assertTheSecondRestartListsNoMigration(db.dataSource(), app, code -> withCode(code, LABEL, BADGE), 5);
        }
    }

    /** The jar is the same and the class too, but what its up issues is not: the migration was edited after it was applied. */
    @Test
    void aJavaMigrationWhoseSqlChangedIsReportedAsEdited(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_java_edited");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            deployAndRestartWithCode(ds, app);
            List<String> history = Db.history(ds);

            ModuleMigrations edited = withCode(configure(ds, new ListingCounter(app)), "create table label (id bigint)", BADGE).load();

            assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(edited::migrate)
                    .satisfies(e -> assertThat(e.mismatches()).containsOnlyKeys(new MigrationId("shop", "Migration202501010005")));
            assertThat(Db.history(ds)).isEqualTo(history);
        }
    }

    @Test
    void anInlineMigrationWhoseTextChangedIsReportedAsEdited(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_inline_edited");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            deployAndRestartWithCode(ds, app);

            ModuleMigrations edited = withCode(configure(ds, new ListingCounter(app)), LABEL, BADGE.replace("int", "bigint")).load();

            assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(edited::migrate)
                    .satisfies(e -> assertThat(e.mismatches()).containsOnlyKeys(new MigrationId("shop", "Migration202501010006")));
        }
    }

    /** After a restart recorded the check, a Java migration added, removed, renamed or moved to another module is each seen. */
    @Test
    void aJavaMigrationAddedRemovedRenamedOrMovedIsSeen(PostgresServer server, @TempDir Path dir) throws Exception {
        Migration badge = m -> m.sql("create table if not exists badge_holder (id int)");
        Map<String, UnaryOperator<FluentConfiguration>> changes = new LinkedHashMap<>();
        changes.put("added", c -> withCode(c, LABEL, BADGE).javaMigration("shop", "Migration202501010007", badge));
        changes.put("removed", c -> c.sqlMigration("shop", "Migration202501010006", BADGE));
        changes.put("renamed", c -> c.javaMigration("shop", "Migration202501010008", m -> m.sql(LABEL.replace("table", "table if not exists")))
                .sqlMigration("shop", "Migration202501010006", BADGE));
        changes.put("moved", c -> c.javaMigration("blog", "Migration202501010005", m -> m.sql(LABEL.replace("table", "table if not exists")))
                .sqlMigration("shop", "Migration202501010006", BADGE));
        Map<String, String> expected = Map.of("added", "applied [shop/Migration202501010007] missing []",
                "removed", "applied [] missing [shop/Migration202501010005]",
                "renamed", "applied [shop/Migration202501010008] missing [shop/Migration202501010005]",
                "moved", "applied [blog/Migration202501010005] missing [shop/Migration202501010005]");
        Path jar = TestJars.jar(dir.resolve("app.jar"), files());
        for (Map.Entry<String, UnaryOperator<FluentConfiguration>> change : changes.entrySet()) {
            try (TestDatabase db = server.createDatabase("unchanged_java_" + change.getKey()); URLClassLoader app = TestJars.loader(jar)) {
                DataSource ds = db.dataSource();
                deployAndRestartWithCode(ds, app);

                MigrateResult result = change.getValue().apply(configure(ds, new ListingCounter(app))).load().migrate();

                assertThat("applied " + result.applied().stream().map(m -> m.module() + "/" + m.name()).toList() + " missing " + result.missing())
                        .as(change.getKey()).isEqualTo(expected.get(change.getKey()));
            }
        }
    }

    /**
     * A Java migration whose {@code up} uses the connection has no checksum known before it runs, and any
     * recorded one is accepted, with a record or without: the code's other migrations still prove the restart.
     */
    @Test
    void aJavaMigrationThatNeedsTheDatabaseDoesNotStopARestartFromListingNothing(PostgresServer server, @TempDir Path dir) throws Exception {
        Migration fill = m -> {
            try (java.sql.Statement st = m.connection().createStatement()) {
                st.execute("insert into author values (1)");
            }
        };
        try (TestDatabase db = server.createDatabase("unchanged_java_jdbc");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            for (int i = 0; i < 2; i++) {
                configure(ds, new ListingCounter(app)).javaMigration("blog", "Migration202501010009", fill).load().migrate();
            }
            ListingCounter third = new ListingCounter(app);

            MigrateResult result = configure(ds, third).javaMigration("blog", "Migration202501010009", fill).load().migrate();

            assertThat(result.nothingToDo()).isTrue();
            assertThat(third.listings).isZero();
            assertThat(Db.rows(ds, "select count(*) from author")).containsExactly("1");
        }
    }

    /**
     * A Java migration's checksum is known by recording its {@code up}, which a start asks for only of applied
     * ones: a pending migration's {@code up} runs once, to apply it, whether discovery waits or not.
     */
    @Test
    void aPendingJavaMigrationsUpRunsOnceToApplyIt(PostgresServer server, @TempDir Path dir) throws Exception {
        Path jar = TestJars.jar(dir.resolve("app.jar"), files());
        for (boolean discoverWhenNeeded : new boolean[] {true, false}) {
            try (TestDatabase db = server.createDatabase("unchanged_java_once_" + discoverWhenNeeded); URLClassLoader app = TestJars.loader(jar)) {
                DataSource ds = db.dataSource();
                deployAndRestart(ds, app);
                java.util.concurrent.atomic.AtomicInteger ups = new java.util.concurrent.atomic.AtomicInteger();
                Migration counted = m -> {
                    ups.incrementAndGet();
                    m.sql("create table counted (id int)");
                };

                MigrateResult result = configure(ds, new ListingCounter(app)).discoverWhenNeeded(discoverWhenNeeded)
                        .javaMigration("shop", "Migration202501010010", counted).load().migrate();

                assertThat(result.applied()).extracting(m -> m.module() + "/" + m.name()).containsExactly("shop/Migration202501010010");
                assertThat(ups).as("up run when discovery waits: " + discoverWhenNeeded).hasValue(1);
            }
        }
    }

    /**
     * A derived depends-on (Spring Modulith's, say) is asked for when the migrations are discovered: a restart
     * that the record proves asks nothing of it; another fingerprint, or none, and it is asked again.
     */
    @Test
    void aDerivedDependsOnIsAskedForOnlyWhenTheMigrationsAreDiscovered(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unchanged_derived");
                URLClassLoader app = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files()))) {
            DataSource ds = db.dataSource();
            Derived v1 = new Derived("v1");
            for (int start = 1; start <= 3; start++) {
                ModuleMigrations migrations = configure(ds, new ListingCounter(app)).dependsOnFrom(v1).load();
                migrations.migrate();
                if (start == 1) {
                    assertThat(migrations.graph().dependenciesOf("shop")).as("derived").containsExactly("blog");
                }
            }
            assertThat(v1.asked).as("asked by the deploy and by the restart that records the check, not by the next").isEqualTo(2);

            Derived v2 = new Derived("v2");
            assertThat(configure(ds, new ListingCounter(app)).dependsOnFrom(v2).load().migrate().nothingToDo()).isTrue();
            assertThat(v2.asked).as("another fingerprint").isEqualTo(1);

            Derived none = new Derived(null);
            for (int start = 1; start <= 2; start++) {
                configure(ds, new ListingCounter(app)).dependsOnFrom(none).load().migrate();
            }
            assertThat(none.asked).as("no fingerprint: asked by every start").isEqualTo(2);

            ModuleMigrations declared = configure(ds, new ListingCounter(app)).dependsOn("shop").dependsOnFrom(new Derived("v1")).load();
            assertThat(declared.graph().dependenciesOf("shop")).as("a declared depends-on is kept").isEmpty();
        }
    }

    /** Says shop runs after blog, and counts how often it was asked. */
    private static final class Derived implements DependsOnSource {

        private final @Nullable String fingerprint;
        int asked;

        Derived(@Nullable String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public Map<String, java.util.Set<String>> dependsOn(java.util.Set<String> modules) {
            asked++;
            assertThat(modules).containsExactlyInAnyOrder("blog", "shop");
            return Map.of("shop", java.util.Set.of("blog"));
        }

        @Override
        public @Nullable String fingerprint() {
            return fingerprint;
        }
    }

    private static final String LABEL = "create table label (id int)";
    private static final String BADGE = "-- migrate:up\ncreate table badge (id int primary key);\n-- migrate:down\ndrop table badge;\n";

    /** A Java migration declared by its annotation, as an application's bean is. */
    @ModuleMigration("shop")
    static final class Migration202501010005 implements Migration {

        private final String sql;

        Migration202501010005(String sql) {
            this.sql = sql;
        }

        @Override
        public void up(MigrationContext m) {
            m.sql(sql);
        }

        @Override
        public void down(MigrationContext m) {
            m.sql("drop table label");
        }
    }

    /** {@code config} with an annotated Java migration issuing {@code label} and an inline SQL migration of text {@code badge}. */
    private static FluentConfiguration withCode(FluentConfiguration config, String label, String badge) {
        return config.javaMigrations(new Migration202501010005(label)).sqlMigration("shop", "Migration202501010006", badge);
    }

    /** {@link #deployAndRestart} with {@link #withCode}, the restart recording the check. */
    private static void deployAndRestartWithCode(DataSource ds, URLClassLoader app) {
        withCode(configure(ds, new ListingCounter(app)), LABEL, BADGE).load().migrate();
        assertThat(withCode(configure(ds, new ListingCounter(app)), LABEL, BADGE).load().migrate().nothingToDo()).isTrue();
        assertThat(Db.rows(ds, "select count(*) from module_migrations_checks")).containsExactly("1");
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

    /** A source whose files count how often they are read. */
    private static final class ReadCounter implements SqlMigrationSource {

        private final SqlMigrationSource delegate;
        int reads;

        ReadCounter(SqlMigrationSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<SqlResource> sqlFiles(Location location) {
            List<SqlResource> counted = new ArrayList<>();
            for (SqlResource file : delegate.sqlFiles(location)) {
                counted.add(SqlResource.of(location, file.relativePath(), () -> {
                    reads++;
                    return file.bytes();
                }));
            }
            return counted;
        }
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
