package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.migration.MigrationId;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start with nothing pending reads no migration file from a jar: the jar's directory holds each
 * file's CRC-32, which is its checksum. What is pending is read and parsed before anything runs, and
 * an edited applied file is still caught.
 */
@PostgresTest
class UnreadStartTest {

    private static final String AUTHOR = "-- migrate:up\ncreate table author (id int primary key);\n-- migrate:down\ndrop table author;\n";
    private static final String POST = "-- migrate:up\ncreate table post (id int primary key);\n-- migrate:down\ndrop table post;\n";
    private static final String TAG = "-- migrate:up\ncreate table tag (id int primary key);\n-- migrate:down\ndrop table tag;\n";

    @Test
    void aStartWithNothingPendingReadsNoFileAndAPendingOneIsTheOnlyOneRead(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unread_start")) {
            DataSource ds = db.dataSource();
            Map<String, String> files = new LinkedHashMap<>();
            files.put("blog/Migration202501010001.sql", AUTHOR);
            files.put("blog/Migration202501010002.sql", POST);
            files.put("shop/Migration202501010001.sql", TAG);
            try (URLClassLoader v1 = TestJars.loader(TestJars.jar(dir.resolve("v1.jar"), files))) {
                ModuleMigrations.configure().dataSource(ds).classLoader(v1).locations("classpath:db/migrations").load().migrate();

                CountingSource counting = new CountingSource(new SqlMigrationScanner(v1));
                MigrateResult again = ModuleMigrations.configure().dataSource(ds).sqlMigrationSource(counting)
                        .locations("classpath:db/migrations").load().migrate();

                assertThat(again.nothingToDo()).isTrue();
                assertThat(counting.read).as("files read by a start with nothing pending").isEmpty();
            }

            files.put("shop/Migration202501010002.sql", "-- migrate:up\nalter table tag add column name text;\n-- migrate:down\nalter table tag drop column name;\n");
            try (URLClassLoader v2 = TestJars.loader(TestJars.jar(dir.resolve("v2.jar"), files))) {
                CountingSource counting = new CountingSource(new SqlMigrationScanner(v2));
                MigrateResult result = ModuleMigrations.configure().dataSource(ds).sqlMigrationSource(counting)
                        .locations("classpath:db/migrations").load().migrate();

                assertThat(result.applied()).hasSize(1);
                assertThat(counting.read).containsExactly("shop/Migration202501010002.sql");
            }
        }
    }

    @Test
    void anEditedFileInAJarStopsTheRunBeforeAnyChange(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unread_edited")) {
            DataSource ds = db.dataSource();
            try (URLClassLoader v1 = TestJars.loader(TestJars.jar(dir.resolve("v1.jar"), Map.of("blog/Migration202501010001.sql", AUTHOR)))) {
                ModuleMigrations.configure().dataSource(ds).classLoader(v1).locations("classpath:db/migrations").load().migrate();
            }
            List<String> catalog = Db.catalog(ds);
            List<String> history = Db.history(ds);
            Map<String, String> edited = new LinkedHashMap<>();
            edited.put("blog/Migration202501010001.sql", AUTHOR.replace("(id int primary key)", "(id bigint primary key)"));
            edited.put("blog/Migration202501010002.sql", POST);

            try (URLClassLoader v2 = TestJars.loader(TestJars.jar(dir.resolve("v2.jar"), edited))) {
                ChecksumMismatchException e = catchThrowableOfType(ChecksumMismatchException.class, () -> ModuleMigrations.configure()
                        .dataSource(ds).classLoader(v2).locations("classpath:db/migrations").load().migrate());

                assertThat(e.mismatches()).containsOnlyKeys(new MigrationId("blog", "Migration202501010001"));
            }
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
            assertThat(Db.history(ds)).isEqualTo(history);
        }
    }

    /** Their bytes' CRC-32 is not their checksum: they are read and their normalised text compared. */
    @Test
    void filesWithWindowsLineEndingsOrAByteOrderMarkInAJarStayValid(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unread_crlf")) {
            DataSource ds = db.dataSource();
            Map<String, String> files = Map.of(
                    "blog/Migration202501010001.sql", AUTHOR.replace("\n", "\r\n"),
                    "blog/Migration202501010002.sql", "\uFEFF" + POST);
            try (URLClassLoader loader = TestJars.loader(TestJars.jar(dir.resolve("app.jar"), files))) {
                ModuleMigrations.configure().dataSource(ds).classLoader(loader).locations("classpath:db/migrations").load().migrate();

                assertThat(ModuleMigrations.configure().dataSource(ds).classLoader(loader).locations("classpath:db/migrations").load()
                        .migrate().nothingToDo()).isTrue();
            }
        }
    }

    /** Files are read when needed, after load(): one gone by then is named, and nothing has run. */
    @Test
    void aFileGoneAfterLoadIsNamedAndNothingRuns(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unread_gone")) {
            DataSource ds = db.dataSource();
            Path blog = Files.createDirectories(dir.resolve("blog"));
            Files.writeString(blog.resolve("Migration202501010001.sql"), AUTHOR);
            Path gone = Files.writeString(blog.resolve("Migration202501010002.sql"), POST);
            ModuleMigrations engine = ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir).load();
            Files.delete(gone);

            MigrationException e = catchThrowableOfType(MigrationException.class, engine::migrate);

            assertThat(e.getMessage()).contains("Migration202501010002.sql", "Nothing was changed", "Next:");
            assertThat(Db.tableExists(ds, "author")).isFalse();
            assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
        }
    }

    /** The scanner's files, noting each one whose bytes are read. */
    private static final class CountingSource implements SqlMigrationSource {

        private final SqlMigrationSource delegate;
        final List<String> read = new ArrayList<>();

        CountingSource(SqlMigrationSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<SqlResource> sqlFiles(Location location) {
            return delegate.sqlFiles(location).stream().map(file -> SqlResource.of(location, file.relativePath(), () -> {
                synchronized (read) {
                    read.add(file.relativePath());
                }
                return file.bytes();
            }, file.knownCrc32())).toList();
        }
    }
}
