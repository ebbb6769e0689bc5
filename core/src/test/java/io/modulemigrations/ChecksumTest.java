package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited applied migration stops the next run before it changes anything. */
@PostgresTest
class ChecksumTest {

    private static final String AUTHOR = "-- migrate:up\ncreate table author (id int primary key);\n-- migrate:down\ndrop table author;\n";

    @Test
    void editingAnAppliedSqlMigrationStopsTheNextRunBeforeAnyChange(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("checksum_sql")) {
            DataSource ds = db.dataSource();
            Path blog = Files.createDirectories(dir.resolve("blog"));
            Path applied = blog.resolve("Migration202501010001.sql");
            Files.writeString(applied, "-- migrate:up\ncreate table author (id int primary key);\n-- migrate:down\ndrop table author;\n");
            ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir).load().migrate();
            String recorded = Db.rows(ds, "select checksum from module_migrations").get(0);

            Files.writeString(applied, "-- migrate:up\ncreate table author (id int primary key, name text);\n-- migrate:down\ndrop table author;\n");
            Files.writeString(blog.resolve("Migration202501010002.sql"), "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n");
            List<String> catalog = Db.catalog(ds);
            List<String> history = Db.history(ds);

            ChecksumMismatchException e = catchThrowableOfType(ChecksumMismatchException.class,
                    () -> ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir).load().migrate());

            ChecksumMismatchException.Mismatch mismatch = e.mismatches().get(new MigrationId("blog", "Migration202501010001"));
            assertThat(mismatch.recorded()).isEqualTo(recorded);
            assertThat(mismatch.current()).isNotEqualTo(recorded).hasSize(8);
            assertThat(e.getMessage()).contains("module blog, migration Migration202501010001",
                    "recorded checksum " + recorded + ", now " + mismatch.current(), "nothing was run", "Next:");
            assertThat(Db.catalog(ds)).isEqualTo(catalog);
            assertThat(Db.history(ds)).isEqualTo(history);
            assertThat(Db.tableExists(ds, "post")).isFalse();
        }
    }

    @Test
    void lineEndingsDoNotChangeASqlChecksum(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("checksum_crlf")) {
            String unix = "-- migrate:up\ncreate table author (id int);\n-- migrate:down\ndrop table author;\n";
            ModuleMigrations.configure().dataSource(db.dataSource()).locations().sqlMigration("blog", "Migration202501010001", unix).load().migrate();

            MigrateResult again = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010001", unix.replace("\n", "\r\n")).load().migrate();

            assertThat(again.nothingToDo()).isTrue();
        }
    }

    @Test
    void aJavaMigrationIsCheckedByTheSqlItIssues(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("checksum_java")) {
            ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .javaMigration("blog", "Migration202501010001", new CreateTable("create table author (id int)")).load().migrate();

            assertThat(ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .javaMigration("blog", "Migration202501010001", new CreateTable("create table author (id int)")).load()
                    .migrate().nothingToDo()).isTrue();
            ChecksumMismatchException e = catchThrowableOfType(ChecksumMismatchException.class, () -> ModuleMigrations.configure()
                    .dataSource(db.dataSource()).locations()
                    .javaMigration("blog", "Migration202501010001", new CreateTable("create table author (id bigint)")).load().migrate());
            assertThat(e.mismatches()).containsOnlyKeys(new MigrationId("blog", "Migration202501010001"));
        }
    }

    @Test
    void aHistoryWrittenWithEarlierChecksumsStaysValidAndStillCatchesAnEdit(PostgresServer server, @TempDir Path dir) throws Exception {
        try (TestDatabase db = server.createDatabase("unread_legacy")) {
            DataSource ds = db.dataSource();
            Path blog = Files.createDirectories(dir.resolve("blog"));
            Path file = blog.resolve("Migration202501010001.sql");
            Files.writeString(file, AUTHOR);
            ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir).load().migrate();
            CRC32C earlier = new CRC32C();
            earlier.update(AUTHOR.getBytes(StandardCharsets.UTF_8));
            String recorded = String.format("%08x", earlier.getValue());
            Db.execute(ds, "update module_migrations set checksum = '" + recorded + "'");

            assertThat(ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir).load().migrate().nothingToDo()).isTrue();

            Files.writeString(file, AUTHOR.replace("(id int primary key)", "(id bigint primary key)"));
            ChecksumMismatchException e = catchThrowableOfType(ChecksumMismatchException.class,
                    () -> ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir).load().migrate());
            assertThat(e.mismatches().get(new MigrationId("blog", "Migration202501010001")).recorded()).isEqualTo(recorded);
        }
    }

    record CreateTable(String sql) implements io.modulemigrations.migration.Migration {
        @Override
        public void up(MigrationContext m) {
            m.sql(sql);
        }
    }
}
