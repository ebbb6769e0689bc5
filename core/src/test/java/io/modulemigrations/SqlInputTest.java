package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL files run as psql runs them, and what psql would not run as plain SQL, or what would end the
 * engine's transaction, is refused before anything runs, naming file and line.
 */
@PostgresTest
class SqlInputTest {

    private static final String FIRST = "-- migrate:up\ncreate table first (id int);\n-- migrate:down\ndrop table first;\n";

    /** A database with one applied migration, so that the history table exists and has a row. */
    private static FluentConfiguration applied(DataSource ds, Path dir) throws IOException {
        ValidationTest.write(dir, "blog/Migration202601010001.sql", FIRST);
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir);
        config.load().migrate();
        return config;
    }

    /** Refused at load: the problem names file and line, and catalog and history are as they were. */
    private static String refused(DataSource ds, Path dir, String text) throws IOException {
        FluentConfiguration config = applied(ds, dir);
        Path file = ValidationTest.write(dir, "blog/Migration202601010002.sql", text);
        List<String> catalog = Db.catalog(ds);
        List<String> history = Db.history(ds);

        InvalidMigrationsException e = catchThrowableOfType(InvalidMigrationsException.class, () -> config.load().migrate());

        assertThat(e).as("refused at load").isNotNull();
        assertThat(e.getMessage()).contains("nothing was run");
        assertThat(e.problems()).singleElement().asString().startsWith("filesystem:" + file + ": line ");
        assertThat(Db.catalog(ds)).isEqualTo(catalog);
        assertThat(Db.history(ds)).isEqualTo(history).containsExactly("blog/Migration202601010001|1");
        return e.problems().get(0);
    }

    static Stream<String> refuseCorpus() throws IOException {
        try (Stream<Path> files = Files.list(refuseDirectory())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("refuseCorpus")
    void theCorpusRefuseFilesAreRefusedAtTheLineTheyName(String name, PostgresServer server, @TempDir Path dir) throws IOException {
        String text = Files.readString(refuseDirectory().resolve(name), StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("line (\\d+)").matcher(text.lines().findFirst().orElseThrow());
        assertThat(line.find()).isTrue();
        try (TestDatabase db = server.createDatabase("refuse")) {
            // the marker line comes first, so every line moves down by one
            String problem = refused(db.dataSource(), dir, "-- migrate:up\n" + text);

            assertThat(problem).contains(": line " + (Integer.parseInt(line.group(1)) + 1) + ": ");
            switch (name) {
                case "copy_from_stdin.sql" -> assertThat(problem).contains("COPY ... FROM STDIN", "CopyManager");
                case "meta_include.sql" -> assertThat(problem).contains("psql meta-command \\i");
                case "meta_set.sql" -> assertThat(problem).contains("psql meta-command \\set");
                case "unterminated_block_comment.sql" -> assertThat(problem).contains("block comment opened here is never closed");
                case "unterminated_dollar_quote.sql" -> assertThat(problem).contains("dollar quote $body$ opened here is never closed");
                case "unterminated_quote.sql" -> assertThat(problem).contains("quoted string opened here is never closed");
                default -> throw new AssertionError("a refuse/ file this test does not know: " + name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "create table a (id int); commit; create table b (id int); select 1/0;",
        "create table a (id int); rollback; create table b (id int);",
        "create table a (id int);\nBEGIN;\ncreate table b (id int);",
        "start transaction; create table a (id int);",
        "create table a (id int); end;",
        "create table a (id int); abort;",
        "create table a (id int); prepare transaction 'x';",
    })
    void transactionControlInATransactionalMigrationIsRefused(String up, PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("tx_control")) {
            String problem = refused(db.dataSource(), dir, "-- migrate:up\n" + up + "\n");

            assertThat(problem).contains("is transaction control, and the engine owns this migration's transaction",
                    "'-- migrate:up transaction:false'");
            assertThat(Db.tableExists(db.dataSource(), "a")).isFalse();
        }
    }

    /** The engine's transaction guard is a cursor: CLOSE ALL would make a migration read as having ended its transaction. */
    @Test
    void closeAllInATransactionalMigrationIsRefusedAndACursorClosedByNameRuns(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("close_all")) {
            String problem = refused(db.dataSource(), dir, "-- migrate:up\ncreate table a (id int);\nCLOSE ALL;\n");

            assertThat(problem).contains("'close all' closes every cursor of the transaction, the engine's too", "Close your own cursors by name");
            assertThat(Db.tableExists(db.dataSource(), "a")).isFalse();
        }
        try (TestDatabase db = server.createDatabase("close_by_name")) {
            ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table b (id int);\n"
                            + "declare mine cursor for select 1;\nclose mine;\n-- migrate:down\ndrop table b;\n")
                    .load().migrate();
            assertThat(Db.history(db.dataSource())).containsExactly("blog/Migration202601010001|1");
        }
    }

    @Test
    void savepointsAndBeginAtomicAreNotTransactionControl(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("savepoints")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql", """
                    -- migrate:up
                    create table a (id int);
                    savepoint s;
                    insert into a values (1);
                    rollback to savepoint s;
                    insert into a values (2);
                    release savepoint s;
                    """);
            config.load().migrate();

            assertThat(Db.rows(ds, "select id from a")).containsExactly("2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"create index concurrently first_id on first (id);", "vacuum first;", "alter system set work_mem = '8MB';",
        "create database other;"})
    void statementsThatCannotRunInATransactionAreRefusedWithTheMarkerToUse(String statement, PostgresServer server, @TempDir Path dir)
            throws IOException {
        try (TestDatabase db = server.createDatabase("no_tx")) {
            String problem = refused(db.dataSource(), dir, "-- migrate:up\nselect 1;\n\n" + statement + "\n");

            assertThat(problem).contains(": line 4: ", "cannot run inside a transaction block", "Mark it '-- migrate:up transaction:false'");
        }
    }

    @Test
    void inADownSectionTheHintNamesTheDownMarker(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("no_tx_down")) {
            String problem = refused(db.dataSource(), dir, "-- migrate:up transaction:false\ncreate index concurrently i on first (id);\n"
                    + "-- migrate:down\ndrop index concurrently i;\n");

            assertThat(problem).contains(": line 4: ", "'drop index concurrently'", "'-- migrate:down transaction:false'");
        }
    }

    @Test
    void withTransactionFalseTheyRun(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("no_tx_ok")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql",
                    "-- migrate:up transaction:false\ncreate index concurrently first_id on first (id);\nvacuum first;\n"
                    + "-- migrate:down transaction:false\ndrop index concurrently first_id;\n");
            config.load().migrate();

            assertThat(Db.rows(ds, "select indexname from pg_indexes where tablename = 'first'")).containsExactly("first_id");
        }
    }

    @Test
    void aNoTransactionStatementTheChecksDoNotKnowGetsTheSameHintFromTheDatabase(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("no_tx_runtime")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql", "-- migrate:up\ncreate table a (id int);\n"
                    + "create subscription s connection 'dbname=none' publication p;\n");
            List<String> catalog = Db.catalog(ds);

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

            assertThat(e.getMessage()).contains("at statement 2 (line 3)", "cannot run inside a transaction block",
                    "Mark the migration '-- migrate:up transaction:false'", "rolled back as a whole");
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
        }
    }

    @Test
    void beginAtomicBodiesRulesWithSeveralActionsAndStringsWithStandardConformingStringsOffApplyAsInPsql(
            PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("as_psql")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql", """
                    -- migrate:up
                    create function plus_one(x int) returns int language sql begin atomic select x + 1; end;
                    create table src (id int);
                    create table a (id int);
                    create table b (id int);
                    create rule r as on insert to src do also (insert into a values (new.id); insert into b values (new.id));
                    insert into src values (7);
                    create table t (s text);
                    set standard_conforming_strings = off;
                    insert into t values ('it\\'s; a test');
                    insert into t values (E'tab\\there');
                    reset standard_conforming_strings;
                    insert into t values ('C:\\');
                    """);
            config.load().migrate();

            assertThat(Db.rows(ds, "select plus_one(1)")).containsExactly("2");
            assertThat(Db.rows(ds, "select (select count(*) from a) || ',' || (select count(*) from b)")).containsExactly("1,1");
            assertThat(Db.rows(ds, "select s from t order by s")).containsExactly("C:\\", "it's; a test", "tab\there");
        }
    }

    @Test
    void aFailureNamesTheLineAndColumnInTheFile(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("line")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql",
                    "-- migrate:up\n-- two tables\ncreate table a (id int);\n\ncreate table b (\n\n  id int,\n  oops nosuchtype\n);\n");

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

            assertThat(e.getMessage()).contains("at statement 2 (line 8, column 8)", "type \"nosuchtype\" does not exist");
            assertThat(Db.tableExists(ds, "a")).isFalse();
        }
    }

    @Test
    void aJavaMigrationThatCommitsIsNotRecordedAndTheMessageSaysWhy(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("java_commit")) {
            DataSource ds = db.dataSource();
            ModuleMigrations.configure().dataSource(ds).locations().sqlMigration("blog", "Migration202601010001", FIRST).load().migrate();
            List<String> history = Db.history(ds);

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> ModuleMigrations.configure()
                    .dataSource(ds).locations().sqlMigration("blog", "Migration202601010001", FIRST)
                    .javaMigration("blog", "Migration202601010002", m -> {
                        m.sql("create table a (id int)");
                        m.connection().commit();
                        m.sql("create table b (id int)");
                    }).load().migrate());

            assertThat(e.getMessage()).contains("it ended the transaction the engine ran it in", "not recorded as applied",
                    "cannot tell what of it is").doesNotContain("rolled back as a whole");
            assertThat(Db.history(ds)).isEqualTo(history);
            assertThat(Db.tableExists(ds, "a")).as("committed by the migration itself").isTrue();
            assertThat(Db.tableExists(ds, "b")).as("after the commit: rolled back with the engine's transaction").isFalse();
        }
    }

    @Test
    void aJavaMigrationThatRollsBackIsNotRecordedAsApplied(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("java_rollback")) {
            DataSource ds = db.dataSource();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> ModuleMigrations.configure()
                    .dataSource(ds).locations()
                    .javaMigration("blog", "Migration202601010002", m -> {
                        m.sql("create table a (id int)");
                        try (Statement st = m.connection().createStatement()) {
                            st.execute("rollback");
                        }
                        m.sql("create table b (id int)");
                    }).load().migrate());

            assertThat(e.getMessage()).contains("it ended the transaction the engine ran it in");
            assertThat(Db.history(ds)).isEmpty();
            assertThat(Db.tableExists(ds, "a")).isFalse();
            assertThat(Db.tableExists(ds, "b")).isFalse();
        }
    }

    @Test
    void inAnAllOrNothingRunTheMessageDoesNotClaimTheRunWasUndone(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("java_commit_all")) {
            DataSource ds = db.dataSource();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> ModuleMigrations.configure()
                    .dataSource(ds).locations().sqlMigration("blog", "Migration202601010001", FIRST)
                    .javaMigration("blog", "Migration202601010002", m -> {
                        m.sql("create table a (id int)");
                        m.connection().commit();
                        m.sql("create table b (id int)");
                    }).load().migrate(MigrateOptions.defaults().withAllOrNothing(true)));

            assertThat(e.getMessage()).contains("this migration ended it", "blog/Migration202601010001) may have been committed",
                    "Run status").doesNotContain("exactly as they were");
            // what the message warns of is what happened
            assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1");
            assertThat(Db.tableExists(ds, "first")).isTrue();
            assertThat(Db.tableExists(ds, "b")).isFalse();
        }
    }

    @Test
    void transactionControlPassedToSqlFromJavaIsRefusedBeforeItIsSent(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("java_sql_commit")) {
            DataSource ds = db.dataSource();

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> ModuleMigrations.configure()
                    .dataSource(ds).locations()
                    .javaMigration("blog", "Migration202601010002", m -> m.sql("create table a (id int); commit; create table b (id int);"))
                    .load().migrate());

            assertThat(e.getMessage()).contains("'commit' is transaction control", "@ModuleMigration(transactional = false)",
                    "rolled back as a whole");
            assertThat(Db.history(ds)).isEmpty();
            assertThat(Db.tableExists(ds, "a")).isFalse();
        }
    }

    @Test
    void aMigrationWithoutTransactionThatLeavesOneOpenIsNotRecordedAndTheBlockIsRolledBack(PostgresServer server, @TempDir Path dir)
            throws IOException {
        try (TestDatabase db = server.createDatabase("open_block")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql",
                    "-- migrate:up transaction:false\ncreate table a (id int);\nbegin;\ncreate table b (id int);\n");

            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> config.load().migrate());

            assertThat(e.getMessage()).contains("left a transaction block open", "statements before it stay applied");
            assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1");
            assertThat(Db.tableExists(ds, "a")).isTrue();
            assertThat(Db.tableExists(ds, "b")).isFalse();
        }
    }

    @Test
    void aMigrationWithoutTransactionMayUseItsOwn(PostgresServer server, @TempDir Path dir) throws IOException {
        try (TestDatabase db = server.createDatabase("own_block")) {
            DataSource ds = db.dataSource();
            FluentConfiguration config = applied(ds, dir);
            ValidationTest.write(dir, "blog/Migration202601010002.sql",
                    "-- migrate:up transaction:false\nbegin;\ncreate table a (id int);\ncommit;\ncreate index concurrently a_id on a (id);\n");
            config.load().migrate();

            assertThat(Db.history(ds)).hasSize(2);
            assertThat(Db.tableExists(ds, "a")).isTrue();
        }
    }

    private static Path refuseDirectory() {
        for (String candidate : List.of("../../shared/corpus/pg-regress/refuse", "/work/shared/corpus/pg-regress/refuse")) {
            try {
                Path path = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isDirectory(path)) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // try the next
            }
        }
        throw new IllegalStateException("pg-regress corpus (refuse/) not found next to the project");
    }
}
