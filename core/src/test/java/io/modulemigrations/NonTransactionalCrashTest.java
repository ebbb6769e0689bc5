package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A migration without a transaction is killed part-way (SIGKILL of the process running it). The
 * next run cannot know from the schema what was done; it says which statements may already be
 * applied and how to finish, instead of "rolled back as a whole".
 */
@PostgresTest
class NonTransactionalCrashTest {

    static final String SQL = "-- migrate:up transaction:false\ncreate table post (id int);\ninsert into post values (1);\n"
            + "select pg_sleep(300);\ncreate table comment (id int);\n-- migrate:down\ndrop table comment;\ndrop table post;\n";

    @Test
    @Timeout(120)
    void theRerunSaysWhichStatementsMayAlreadyBeApplied(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        Path log = Files.createTempFile("crash-child", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), db.jdbcUrl(), db.user(), db.password(), "transaction:false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            CrashTest.awaitRows(ds, CrashTest.SLEEPING_CHILD, child, log);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            CrashTest.awaitNoRows(ds, CrashTest.SLEEPING_CHILD);
            assertThat(Db.history(ds)).isEmpty();
            assertThat(Db.rows(ds, "select count(*) from post")).containsExactly("1");

            List<String> catalog = Db.catalog(ds);
            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", CrashTest.FIRST, SQL).load().migrate());

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("at statement 1 (line 2):", "relation \"post\" already exists",
                    "This migration runs without a transaction, and an earlier run of it stopped part-way (it started at ",
                    "had completed at least 2 of its statements; the next one was running when it stopped and may have taken effect as well)."
                            + " This run failed at statement 1. So statements 1 to 3 may already be applied:\n"
                            + "    1. create table post (id int);\n    2. insert into post values (1);\n    3. select pg_sleep(300);\n"
                            + "It is not recorded as applied.",
                    "Next: check which of those statements are in effect; then either run the rest by hand and record it with\n"
                            + "    with finished as (delete from \"public\".\"module_migrations_progress\" where module = 'blog' and name = '"
                            + CrashTest.FIRST + "' and direction = 'up') insert into \"public\".\"module_migrations\"")
                    .doesNotContain("rolled back as a whole", "fix the migration");
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
            assertThat(Db.history(ds)).isEmpty();

            // Done by hand as the message says, recorded with its statement: the next run has nothing left to do.
            Db.execute(ds, "create table comment (id int)");
            String record = e.getMessage().lines().dropWhile(l -> !l.startsWith("Next: check which")).skip(1).findFirst().orElseThrow().strip();
            Db.execute(ds, record);
            assertThat(Db.history(ds)).containsExactly("blog/" + CrashTest.FIRST + "|1");
            assertThat(ModuleMigrations.configure().dataSource(ds).sqlMigration("blog", CrashTest.FIRST, SQL).load().migrate().applied()).isEmpty();
            assertThat(Db.rows(ds, "select count(*) from module_migrations_progress")).containsExactly("0");
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
