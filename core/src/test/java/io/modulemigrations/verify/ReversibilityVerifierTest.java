package io.modulemigrations.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.Db;
import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.InvalidMigrationsException;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each migration's down, checked right after its up on a scratch database, must give back the schema from before it. */
@PostgresTest
class ReversibilityVerifierTest {

    static final String POSTS = "-- migrate:up\ncreate table post (id bigint primary key, title text, body text);\n"
            + "create index post_title_idx on post (title);\ncreate function post_count() returns bigint language sql as 'select count(*) from post';\n"
            + "-- migrate:down\ndrop function post_count();\ndrop table post;\n";

    static FluentConfiguration blog(String second) {
        return ModuleMigrations.configure().locations()
                .sqlMigration("blog", "Migration202501010001", POSTS)
                .sqlMigration("blog", "Migration202501010002", second)
                .sqlMigration("shop", "Migration202501010001", "-- migrate:up\ncreate table item (id int);\n");
    }

    static Map<String, MigrationCheck> byName(VerifyReport report) {
        return report.checks().stream().collect(Collectors.toMap(c -> c.module() + "/" + c.name(), Function.identity()));
    }

    @Test
    void downsThatRestoreIncludingWithoutTransactionAndWithOnlyColumnOrderChangedPass(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("verify_ok")) {
            FluentConfiguration migrations = blog("-- migrate:up transaction:false\ncreate index concurrently post_body_idx on post (body);\n"
                    + "-- migrate:down transaction:false\ndrop index concurrently post_body_idx;\n")
                    .sqlMigration("blog", "Migration202501010003", "-- migrate:up\nalter table post drop column title;\n"
                            + "-- migrate:down\nalter table post add column title text;\ncreate index post_title_idx on post (title);\n");

            VerifyReport report = ModuleMigrationsAssertions.assertDownsRestore(db.dataSource(), migrations, "blog");

            assertThat(report.checks()).extracting(MigrationCheck::name)
                    .containsExactly("Migration202501010001", "Migration202501010002", "Migration202501010003");
            assertThat(report.checks()).extracting(MigrationCheck::outcome).containsOnly(Outcome.RESTORES);
            assertThat(byName(report).get("blog/Migration202501010003").columnOrder()).singleElement().asString()
                    .contains("table post columns id, body, title");
            assertThat(report.toText(false)).contains("blog/Migration202501010003  restores (column order not restored, not compared",
                    "3 migration(s) checked: 3 restores. Passed.", "Column order is not compared");
            // the replay went on from the state each up left: every migration is applied and recorded once
            assertThat(Db.history(db.dataSource())).containsExactly("blog/Migration202501010001|1", "blog/Migration202501010002|1",
                    "blog/Migration202501010003|1", "shop/Migration202501010001|1");
        }
    }

    /** A start reads only the files it runs; verifying replays them all, so every file is read first and every problem named. */
    @Test
    void anInvalidFileIsRefusedBeforeAnythingIsReplayed(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("verify_invalid")) {
            Files.createDirectories(dir.resolve("blog"));
            Files.writeString(dir.resolve("blog/Migration202501010001.sql"), POSTS);
            Files.writeString(dir.resolve("blog/Migration202501010002.sql"), "create table tag (id int);\n");
            ModuleMigrations application = ModuleMigrations.configure().dataSource(db.dataSource()).locations("filesystem:" + dir).load();

            InvalidMigrationsException e = catchThrowableOfType(InvalidMigrationsException.class,
                    () -> new ReversibilityVerifier(application, db.dataSource(), java.util.List.of()));

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().asString().startsWith("filesystem:" + dir + "/blog/Migration202501010002.sql");
            assertThat(Db.tableExists(db.dataSource(), "post")).as("nothing replayed").isFalse();
        }
    }

    @Test
    void aDownThatForgetsAnIndexDiffersNamingIt(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("verify_index")) {
            FluentConfiguration migrations = blog("-- migrate:up\ndrop index post_title_idx;\n-- migrate:down\nselect 1;\n");

            AssertionError e = catchThrowableOfType(AssertionError.class,
                    () -> ModuleMigrationsAssertions.assertDownsRestore(db.dataSource(), migrations, "blog"));

            assertThat(e.getMessage()).contains("blog/Migration202501010002  differs", "- table post index post_title_idx",
                    "FAILED: blog/Migration202501010002");
            assertThat(e.getMessage()).doesNotContain("shop/");
        }
    }

    @Test
    void aFailingDownIsReportedInTheDatabasesWordsAndAnIrreversibleOneOnlyUnderStrict(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("verify_fails")) {
            FluentConfiguration migrations = blog("-- migrate:up\nalter table post add column slug text;\n"
                    + "-- migrate:down\nalter table post drop column slugg;\n")
                    .sqlMigration("blog", "Migration202501010003", "-- migrate:up\nalter table post add column tags text;\n");
            ModuleMigrations application = migrations.dataSource(db.dataSource()).load();
            VerifyReport report;
            try (ReversibilityVerifier verifier = new ReversibilityVerifier(application, db.dataSource(), java.util.List.of())) {
                migrations.listener(verifier).load().migrate();
                report = verifier.report();
            }

            Map<String, MigrationCheck> checks = byName(report);
            assertThat(checks.get("blog/Migration202501010001").outcome()).isEqualTo(Outcome.RESTORES);
            assertThat(checks.get("blog/Migration202501010002").outcome()).isEqualTo(Outcome.DOWN_FAILS);
            assertThat(checks.get("blog/Migration202501010002").error()).contains("column \"slugg\" of relation \"post\" does not exist");
            assertThat(checks.get("blog/Migration202501010003").outcome()).isEqualTo(Outcome.IRREVERSIBLE);
            assertThat(checks.get("shop/Migration202501010001").outcome()).isEqualTo(Outcome.IRREVERSIBLE);
            assertThat(report.failures(false)).extracting(MigrationCheck::name).containsExactly("Migration202501010002");
            assertThat(report.failures(true)).hasSize(3);
            assertThat(report.toJson(false)).startsWith("{\"passed\":false,\"strict\":false,\"columnOrderCompared\":false,\"migrations\":[")
                    .contains("\"outcome\":\"down fails\"", "\"outcome\":\"irreversible\",\"fails\":false");
            assertThat(Db.rows(db.dataSource(), "select column_name from information_schema.columns where table_name = 'post' order by ordinal_position"))
                    .containsExactly("id", "title", "body", "slug", "tags");
        }
    }

    @Test
    void onlyIrreversibleMigrationsPassUnlessStrict(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("verify_irreversible")) {
            VerifyReport report = ModuleMigrationsAssertions.assertDownsRestore(db.dataSource(), blog(POSTS.replace("post", "page")), "shop");
            assertThat(report.checks()).extracting(MigrationCheck::outcome).containsExactly(Outcome.IRREVERSIBLE);
            assertThat(report.passed(false)).isTrue();
            assertThat(report.passed(true)).isFalse();
            assertThat(report.toText(true)).contains("shop/Migration202501010001  irreversible: no down (--strict: an error)");
        }
    }

    @Test
    void aDatabaseWhereTheMigrationsWereAlreadyAppliedChecksNothingAndFails(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("verify_applied")) {
            blog(POSTS.replace("post", "page")).dataSource(db.dataSource()).load().migrate();

            AssertionError e = catchThrowableOfType(AssertionError.class,
                    () -> ModuleMigrationsAssertions.assertDownsRestore(db.dataSource(), blog(POSTS.replace("post", "page")), "blog"));

            assertThat(e.getMessage()).contains("not checked: blog/Migration202501010001: was not applied on the scratch database");
        }
    }

    @Test
    void anApplicationsEngineIsReplayedOnTheEmptyDatabaseWithItsIrreversibleMigrationsKeptIrreversible(PostgresServer server) {
        try (TestDatabase appDb = server.createDatabase("verify_app"); TestDatabase scratch = server.createDatabase("verify_scratch");
                TestDatabase scratch2 = server.createDatabase("verify_scratch2")) {
            ModuleMigrations application = blog("-- migrate:up\ndrop index post_title_idx;\n-- migrate:down\nselect 1;\n")
                    .dataSource(appDb.dataSource()).load();

            VerifyReport shop = ModuleMigrationsAssertions.assertDownsRestore(application, scratch.dataSource(), "shop");
            assertThat(shop.checks()).extracting(MigrationCheck::outcome).containsExactly(Outcome.IRREVERSIBLE);

            AssertionError e = catchThrowableOfType(AssertionError.class,
                    () -> ModuleMigrationsAssertions.assertDownsRestore(application, scratch2.dataSource(), "blog"));
            assertThat(e.getMessage()).contains("blog/Migration202501010002  differs", "- table post index post_title_idx");
            assertThat(Db.tableExists(appDb.dataSource(), "module_migrations")).as("the application database is not touched").isFalse();
        }
    }
}
