package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A migration in a transaction commits in the same round trip as its statements and history row; a
 * commit that fails (a deferred constraint is checked only then) is reported as such and leaves
 * nothing behind.
 */
@PostgresTest
class CommitTest {

    private static final String TABLES = "-- migrate:up\n"
            + "create table author (id int primary key);\n"
            + "create table post (id int primary key, author_id int references author deferrable initially deferred);\n"
            + "-- migrate:down\ndrop table post;\ndrop table author;\n";

    @Test
    void aMigrationWhoseCommitFailsIsReportedAsSuchAndNothingOfItStays(DataSource ds) {
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202601010001", TABLES)
                .sqlMigration("blog", "Migration202601010002", "-- migrate:up\ninsert into post values (1, 42);\n"
                        + "-- migrate:down\ndelete from post;\n")
                .sqlMigration("blog", "Migration202601010003", "-- migrate:up\ncreate table tag (id int);\n-- migrate:down\ndrop table tag;\n");

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

        assertThat(e.getMessage()).contains("migration Migration202601010002",
                "its statements ran and its history row was written, but the commit failed",
                "violates foreign key constraint", "This migration was rolled back as a whole: nothing of it is applied or recorded.");
        assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1");
        assertThat(Db.rows(ds, "select count(*) from post")).containsExactly("0");
        assertThat(Db.tableExists(ds, "tag")).as("the next migration did not run").isFalse();
    }
}
