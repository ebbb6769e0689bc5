package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;
import io.modulemigrations.script.ScriptOutcome;
import io.modulemigrations.script.ScriptOutcome.Status;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Medusa ignored the exit code of migration scripts; here a script runs exactly once and a failure fails the run. */
@PostgresTest
class ScriptsTest {

    static final String BACKFILL = "backfill_authors";
    static final String CREATE = "-- migrate:up\ncreate table backfilled (source text);\n-- migrate:down\ndrop table backfilled;\n";

    /** A script that records each run, sleeping a little so that concurrent instances overlap. */
    record Backfill(String source) implements MigrationScript {
        @Override
        public String name() {
            return BACKFILL;
        }

        @Override
        public void run(ScriptContext context) throws Exception {
            try (var ps = context.connection().prepareStatement("insert into backfilled values (?)")) {
                ps.setString(1, source);
                ps.executeUpdate();
            }
            context.sql("select pg_sleep(0.3)");
        }
    }

    /** Fails while a table named fault exists. */
    record Fragile() implements MigrationScript {
        @Override
        public String name() {
            return "fragile";
        }

        @Override
        public void run(ScriptContext context) {
            context.sql("insert into backfilled values ('fragile')");
            context.sql("do $$ begin if exists (select 1 from pg_tables where tablename = 'fault') then raise exception 'the fault is still there'; end if; end $$");
        }
    }

    static FluentConfiguration engine(DataSource ds, MigrationScript... scripts) {
        return ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202501010001", CREATE)
                .scripts(scripts);
    }

    @Test
    void fourInstancesAtOnceRunAScriptExactlyOnce(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("scripts_once")) {
            int instances = 4;
            CyclicBarrier start = new CyclicBarrier(instances);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                List<Future<MigrateResult>> runs = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    ModuleMigrations engine = engine(db.dataSource(), new Backfill("instance " + i)).load();
                    runs.add(pool.submit(() -> {
                        start.await();
                        return engine.migrate();
                    }));
                }
                List<Status> statuses = new ArrayList<>();
                for (Future<MigrateResult> run : runs) {
                    statuses.add(run.get().scripts().get(0).status());
                }
                assertThat(statuses).containsOnlyOnce(Status.RAN).doesNotContain(Status.FAILED, Status.NOT_RUN);
                assertThat(Db.rows(db.dataSource(), "select count(*) from backfilled")).containsExactly("1");
                assertThat(Db.rows(db.dataSource(), "select name, finished_at is not null, error from module_migration_scripts"))
                        .containsExactly(BACKFILL + "|t|null");
                assertThat(engine(db.dataSource(), new Backfill("again")).load().migrate().scripts())
                        .extracting(ScriptOutcome::status).containsExactly(Status.ALREADY_DONE);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFailingScriptFailsTheRunAndSucceedsNextTimeOnceTheFaultIsGone(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("scripts_fail")) {
            DataSource ds = db.dataSource();
            Db.execute(ds, "create table fault (id int)");

            ScriptFailedException e = catchThrowableOfType(ScriptFailedException.class, () -> engine(ds, new Fragile()).load().migrate());

            assertThat(e.getMessage()).contains("Migration script fragile failed", "the fault is still there",
                    "runs again next time", "Schema migrations and links of this run are applied and stay", "Next:");
            assertThat(Db.history(ds)).containsExactly("blog/Migration202501010001|1");
            assertThat(Db.rows(ds, "select count(*) from backfilled")).containsExactly("0");
            assertThat(Db.rows(ds, "select finished_at is null, error like '%the fault is still there%' from module_migration_scripts"))
                    .containsExactly("t|t");

            Db.execute(ds, "drop table fault");
            List<ScriptOutcome> outcomes = engine(ds, new Fragile()).load().migrateScripts();

            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Status.RAN);
                assertThat(o.message()).contains("failed in an earlier run", "running it again");
            });
            assertThat(Db.rows(ds, "select count(*) from backfilled")).containsExactly("1");
        }
    }

    @Test
    @Timeout(120)
    void aScriptKilledWithSigkillRunsAgainWithAWarning(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("scripts_crash")) {
            DataSource ds = db.dataSource();
            engine(ds).load().migrate();
            Path log = Files.createTempFile("script-child", ".log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ScriptCrashChild.class.getName(), db.jdbcUrl(), db.user(), db.password())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String sleeping = "select pid from pg_stat_activity where application_name like 'module-migrations@%'"
                        + " and state = 'active' and query like 'select pg_sleep(300)%'";
                CrashTest.awaitRows(ds, sleeping, child, log);
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                CrashTest.awaitNoRows(ds, sleeping);

                assertThat(Db.rows(ds, "select started_at is not null, finished_at is null from module_migration_scripts")).containsExactly("t|t");
                assertThat(Db.rows(ds, "select count(*) from backfilled")).containsExactly("0");

                MigrateResult rerun = engine(ds, new Backfill("rerun")).load().migrate();

                assertThat(rerun.scripts()).singleElement().satisfies(o -> {
                    assertThat(o.status()).isEqualTo(Status.RAN);
                    assertThat(o.message()).contains("never finished", "running it again");
                });
                assertThat(Db.rows(ds, "select source from backfilled")).containsExactly("rerun");
            } finally {
                child.destroyForcibly();
                Files.deleteIfExists(log);
            }
        }
    }

    @Test
    void skipScriptsAndScriptsOnlyDoWhatTheySay(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("scripts_skip")) {
            DataSource ds = db.dataSource();
            MigrateResult skipped = engine(ds, new Backfill("skipped")).load().migrate(MigrateOptions.defaults().withSkipScripts(true));
            assertThat(skipped.applied()).hasSize(1);
            assertThat(skipped.scripts()).isEmpty();
            assertThat(Db.rows(ds, "select count(*) from backfilled")).containsExactly("0");

            ModuleMigrations next = engine(ds, new Backfill("scripts only"))
                    .sqlMigration("blog", "Migration202501010002", "-- migrate:up\ncreate table pending (id int);\n-- migrate:down\ndrop table pending;\n")
                    .load();
            assertThat(next.migrateScripts()).extracting(ScriptOutcome::status).containsExactly(Status.RAN);
            assertThat(Db.rows(ds, "select source from backfilled")).containsExactly("scripts only");
            assertThat(Db.tableExists(ds, "pending")).isFalse();
            assertThat(next.status().scripts()).singleElement().satisfies(s -> assertThat(s.finished()).isTrue());
        }
    }
}
