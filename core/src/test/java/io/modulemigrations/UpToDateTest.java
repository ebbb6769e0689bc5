package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.script.ScriptOutcome;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ModuleMigrations#upToDate}: what a start asks while it starts. Migrate's result when migrate has
 * nothing to do; otherwise nothing, and nothing changed: no table, no migration, no script, no lock.
 */
@PostgresTest
class UpToDateTest {

    private static final String TABLE = "-- migrate:up\ncreate table %1$s (id int);\n-- migrate:down\ndrop table %1$s;\n";

    private TestDatabase db;

    @BeforeEach
    void createDatabase(PostgresServer server) {
        // A fresh database per test: each starts from an empty schema.
        this.db = server.createDatabase("up_to_date");
    }

    @AfterEach
    void dropDatabase() {
        this.db.close();
    }

    @Test
    void anEmptyDatabaseIsNotUpToDateAndGetsNoTable() {
        List<String> statements = new CopyOnWriteArrayList<>();

        Optional<MigrateResult> upToDate = blog(FastPathTest.counting(db.dataSource(), statements)).load().upToDate(MigrateOptions.defaults());

        assertThat(upToDate).isEmpty();
        assertThat(Db.catalog(db.dataSource())).isEmpty();
        assertThat(statements).noneMatch(UpToDateTest::locksOrWrites);
    }

    @Test
    void withEverythingAppliedItIsMigratesResultFromOneQueryWithoutTheLock() {
        blog(db.dataSource()).load().migrate();
        List<String> statements = new CopyOnWriteArrayList<>();

        Optional<MigrateResult> upToDate = blog(FastPathTest.counting(db.dataSource(), statements)).load().upToDate(MigrateOptions.defaults());

        assertThat(upToDate).hasValueSatisfying(result -> {
            assertThat(result.nothingToDo()).isTrue();
            assertThat(result.lockTaken()).isFalse();
            assertThat(result.dryRun()).isFalse();
        });
        assertThat(statements).singleElement().asString().contains("select module, name, checksum from");
    }

    @Test
    void aPendingMigrationIsLeftForMigrate() {
        blog(db.dataSource()).load().migrate();
        List<String> statements = new CopyOnWriteArrayList<>();
        ModuleMigrations withPost = blog(FastPathTest.counting(db.dataSource(), statements))
                .sqlMigration("blog", "Migration202501010002", TABLE.formatted("post")).load();

        assertThat(withPost.upToDate(MigrateOptions.defaults())).isEmpty();

        assertThat(Db.tableExists(db.dataSource(), "post")).isFalse();
        assertThat(statements).noneMatch(UpToDateTest::locksOrWrites);
        assertThat(withPost.migrate().applied()).extracting(ExecutedMigration::name).containsExactly("Migration202501010002");
        assertThat(withPost.upToDate(MigrateOptions.defaults())).isPresent();
    }

    @Test
    void aScriptNotYetFinishedIsLeftForMigrateUnlessScriptsAreSkipped() {
        DataSource ds = db.dataSource();
        blog(ds).sqlMigration("blog", "Migration202501010002", ScriptsTest.CREATE).load().migrate();
        ModuleMigrations withScript = blog(ds).sqlMigration("blog", "Migration202501010002", ScriptsTest.CREATE)
                .scripts(new ScriptsTest.Backfill("start")).load();

        assertThat(withScript.upToDate(MigrateOptions.defaults())).isEmpty();
        assertThat(withScript.upToDate(MigrateOptions.defaults().withSkipScripts(true))).hasValueSatisfying(
                result -> assertThat(result.scripts()).isEmpty());

        assertThat(Db.rows(ds, "select count(*) from backfilled")).as("the script did not run").containsExactly("0");
        withScript.migrate();
        assertThat(withScript.upToDate(MigrateOptions.defaults())).hasValueSatisfying(result -> assertThat(result.scripts())
                .extracting(ScriptOutcome::status).containsExactly(ScriptOutcome.Status.ALREADY_DONE));
        assertThat(Db.rows(ds, "select count(*) from backfilled")).containsExactly("1");
    }

    @Test
    void aLinkTableToCreateIsLeftForMigrate() {
        DataSource ds = db.dataSource();
        LinksMigrateTest.app(ds).load().migrate();
        ModuleMigrations linked = LinksMigrateTest.app(ds).links(LinksMigrateTest.PRODUCT_BRAND).load();

        assertThat(linked.upToDate(MigrateOptions.defaults())).isEmpty();
        assertThat(linked.upToDate(MigrateOptions.defaults().withSkipLinks(true))).isPresent();

        assertThat(Db.tableExists(ds, LinksMigrateTest.PRODUCT_BRAND.tableName())).isFalse();
    }

    @Test
    void anEditedAppliedMigrationFailsAsMigrateWould() {
        blog(db.dataSource()).load().migrate();
        ModuleMigrations edited = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                .sqlMigration("blog", "Migration202501010001", TABLE.formatted("writer")).load();

        assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> edited.upToDate(MigrateOptions.defaults()))
                .withMessageContaining("Migration202501010001");
    }

    private static FluentConfiguration blog(DataSource ds) {
        return ModuleMigrations.configure().dataSource(ds).locations().sqlMigration("blog", "Migration202501010001", TABLE.formatted("author"));
    }

    private static boolean locksOrWrites(String sql) {
        String s = sql.toLowerCase(java.util.Locale.ROOT);
        return s.contains("advisory_lock") || s.contains("create ") || s.contains("insert ") || s.contains("update ") || s.contains("delete ");
    }
}
