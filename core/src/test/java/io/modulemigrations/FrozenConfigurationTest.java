package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loaded engine documents itself immutable: changing its configuration afterwards changes nothing it does. */
@PostgresTest
class FrozenConfigurationTest {

    private static String table(String name) {
        return "-- migrate:up\ncreate table " + name + " (id int);\n-- migrate:down\ndrop table " + name + ";\n";
    }

    private static MigrationListener recordingInto(List<String> events) {
        return new MigrationListener() {
            @Override
            public void migrationStarted(MigrationId id, Direction direction) {
                events.add(id.toString());
            }
        };
    }

    @Test
    void changesAfterLoadDoNotReachTheLoadedEngine(DataSource ds, @TempDir Path dir) throws Exception {
        Db.execute(ds, "create schema at_load; create schema later");
        Files.createDirectories(dir.resolve("blog"));
        Files.writeString(dir.resolve("blog/Migration202501010009.sql"), table("from_later_location"));
        List<String> early = new CopyOnWriteArrayList<>();
        List<String> late = new CopyOnWriteArrayList<>();
        List<String> scriptsRun = new CopyOnWriteArrayList<>();
        FluentConfiguration config = ModuleMigrations.configure()
                .dataSource(ds)
                .schema("at_load")
                .table("history_at_load")
                .locations()
                .sqlMigration("blog", "Migration202501010001", table("at_load.blog_post"))
                .sqlMigration("shop", "Migration202501010001", table("at_load.shop_item"))
                .dependsOn("shop", "blog")
                .listener(recordingInto(early));
        ModuleMigrations engine = config.load();

        try (TestDatabase other = PostgresServer.shared().createDatabase("frozen_other")) {
            config.dataSource(other.dataSource())
                    .schema("later")
                    .table("history_later")
                    .locations("filesystem:" + dir)
                    .sqlMigration("blog", "Migration202501010002", table("at_load.added_later"))
                    .dependsOn("blog", "shop")
                    .listener(recordingInto(late))
                    .appliedBy("changed-later")
                    .validateChecksums(false)
                    .scripts(new MigrationScript() {
                        @Override
                        public void run(ScriptContext context) {
                            scriptsRun.add(name());
                        }
                    });

            assertThat(engine.modules()).containsExactly("blog", "shop");
            assertThat(engine.migrations("blog")).extracting(m -> m.id().toString()).containsExactly("blog/Migration202501010001");
            assertThat(engine.graph().dependenciesOf("blog")).isEmpty();
            assertThat(engine.graph().dependenciesOf("shop")).containsExactly("blog");

            MigrateResult result = engine.migrate();

            assertThat(result.applied()).extracting(e -> e.id().toString())
                    .containsExactly("blog/Migration202501010001", "shop/Migration202501010001");
            assertThat(early).containsExactly("blog/Migration202501010001", "shop/Migration202501010001");
            assertThat(late).isEmpty();
            assertThat(scriptsRun).isEmpty();
            assertThat(Db.rows(ds, "select module || '/' || name || '|' || (applied_by = current_user) from at_load.history_at_load order by 1"))
                    .containsExactly("blog/Migration202501010001|true", "shop/Migration202501010001|true");
            assertThat(Db.rows(ds, "select tablename from pg_tables where schemaname in ('public', 'later') order by 1")).isEmpty();
            assertThat(Db.rows(other.dataSource(), "select tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')"))
                    .isEmpty();

            // Checksum validation stays on although it was switched off after load.
            Db.execute(ds, "update at_load.history_at_load set checksum = 'edited' where module = 'blog'");
            assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(engine::migrate);
        }
    }

    @Test
    void allOrNothingSwitchedOnAfterLoadDoesNotUndoARun() {
        try (TestDatabase db = PostgresServer.shared().createDatabase("frozen_all_or_nothing")) {
            allOrNothingSwitchedOnAfterLoadDoesNotUndoARun(db.dataSource());
        }
    }

    private void allOrNothingSwitchedOnAfterLoadDoesNotUndoARun(DataSource ds) {
        FluentConfiguration config = ModuleMigrations.configure()
                .dataSource(ds)
                .locations()
                .sqlMigration("blog", "Migration202501010001", table("blog_post"))
                .sqlMigration("shop", "Migration202501010001", "-- migrate:up\nselect missing_function();\n-- migrate:down\n")
                .dependsOn("shop", "blog");
        ModuleMigrations engine = config.load();
        config.allOrNothing(true).concurrency(4);

        assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(engine::migrate);

        assertThat(Db.history(ds)).containsExactly("blog/Migration202501010001|1");
        assertThat(Db.tableExists(ds, "blog_post")).isTrue();
    }
}
