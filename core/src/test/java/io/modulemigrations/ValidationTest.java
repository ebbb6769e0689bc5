package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.fixtures.Migration202507021059;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.MigrationId;
import io.modulemigrations.migration.ModuleMigration;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before anything changes, naming the file or class and the expected form. */
@PostgresTest
class ValidationTest {

    private static final String TABLE = "-- migrate:up\ncreate table t (id int);\n-- migrate:down\ndrop table t;\n";

    static Path write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    InvalidMigrationsException refused(DataSource ds, FluentConfiguration config) {
        List<String> catalog = Db.catalog(ds);
        InvalidMigrationsException e = catchThrowableOfType(InvalidMigrationsException.class, () -> config.load().migrate());
        assertThat(e).as("refused before anything runs (names at load, file contents when they are to run)").isNotNull();
        assertThat(e.getMessage()).contains("nothing was run");
        assertThat(Db.catalog(ds)).isEqualTo(catalog);
        assertThat(Db.tableExists(ds, "module_migrations")).isFalse();
        return e;
    }

    @Test
    void malformedMigrationNamesAreRefused(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "blog/Migration2025.sql", TABLE);
        write(dir, "blog/Migration202501010001_Has-Dash.sql", TABLE);
        write(dir, "blog/AddAuthor.sql", TABLE);

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir)
                .javaMigrations(new Misnamed()));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("filesystem:" + dir + "/blog/Migration2025.sql",
                "migration name 'Migration2025' is not valid", "'Migration' + 12 or 14 digits"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Migration202501010001_Has-Dash"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("blog/AddAuthor.sql"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(Misnamed.class.getName(), "'Misnamed' is not valid"));
    }

    @Test
    void duplicateIdentitiesAreRefused(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "blog/Migration202507021059.sql", TABLE);

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir)
                .javaMigrations(new Migration202507021059()));

        assertThat(e.problems()).singleElement().asString().contains("duplicate migration blog/Migration202507021059",
                Migration202507021059.class.getName(), "filesystem:" + dir + "/blog/Migration202507021059.sql", "must be unique");
    }

    @Test
    void theSameFileInTwoLocationsIsRefusedNamingBoth(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "one/blog/Migration202507021059.sql", TABLE);
        write(dir, "one/blog/Migration202507021100.sql", TABLE.replace(" t", " u"));
        write(dir, "two/blog/Migration202507021059.sql", TABLE);
        write(dir, "two/shop/Migration202507021059.sql", TABLE.replace(" t", " v"));

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds)
                .locations("filesystem:" + dir.resolve("one"), "filesystem:" + dir.resolve("two")));

        assertThat(e.problems()).singleElement().asString().contains("duplicate migration blog/Migration202507021059",
                "filesystem:" + dir.resolve("one") + "/blog/Migration202507021059.sql",
                "filesystem:" + dir.resolve("two") + "/blog/Migration202507021059.sql", "must be unique");
    }

    @Test
    void invalidModuleNamesAreRefused(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "Blog-Posts/Migration202501010001.sql", TABLE);
        write(dir, "Migration202501010002.sql", TABLE);

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir)
                .javaMigrations(new Unannotated()));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Blog-Posts/Migration202501010001.sql",
                "module name 'Blog-Posts' is not valid", "[a-z][a-z0-9_]*"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Migration202501010002.sql", "<location>/<module>/<name>.sql"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(Unannotated.class.getName(), "needs @ModuleMigration"));
    }

    @Test
    void aSqlFileWithoutMigrateUpIsRefused(DataSource ds, @TempDir Path dir) throws IOException {
        write(dir, "blog/Migration202501010001.sql", "create table t (id int);\n-- migrate:down\ndrop table t;\n");

        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations("filesystem:" + dir));

        assertThat(e.problems()).singleElement().asString().contains("blog/Migration202501010001.sql", "-- migrate:up");
    }

    @Test
    void unknownDependenciesAndCyclesAreRefused(DataSource ds) {
        InvalidMigrationsException e = refused(ds, ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202501010001", TABLE)
                .sqlMigration("product", "Migration202501010001", TABLE)
                .dependsOn("blog", "prodcut"));
        assertThat(e.problems()).singleElement().asString().contains("'blog' depends on 'prodcut'", "known modules: blog, product");

        InvalidMigrationsException cycle = refused(ds, ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202501010001", TABLE)
                .sqlMigration("product", "Migration202501010001", TABLE)
                .dependsOn("blog", "product").dependsOn("product", "blog"));
        assertThat(cycle.problems()).singleElement().asString().contains("cycle: blog -> product -> blog");
    }

    @Test
    void rollbackOfUnknownModulesIsRefusedWithTheAvailableModules(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("unknown_module")) {
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010001", TABLE)
                    .sqlMigration("product", "Migration202501010001", "-- migrate:up\ncreate table p (id int);\n-- migrate:down\ndrop table p;\n")
                    .load();
            migrations.migrate();
            List<String> history = Db.history(db.dataSource());

            UnknownModuleException e = catchThrowableOfType(UnknownModuleException.class, () -> migrations.rollback("foo"));

            assertThat(e.getMessage()).isEqualTo("Cannot rollback migrations for unknown module(s): foo. Available modules: blog, product");
            assertThat(Db.history(db.dataSource())).isEqualTo(history);
        }
    }

    @Test
    void anIrreversibleMigrationInTheBatchIsNamedAndNothingIsRolledBack(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("irreversible")) {
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                    .sqlMigration("blog", "Migration202501010001", TABLE)
                    .sqlMigration("blog", "Migration202501010002", "-- migrate:up\ncreate table author (id int);\n")
                    .sqlMigration("blog", "Migration202501010003", "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n")
                    .javaMigration("blog", "Migration202501010004", new Irreversible())
                    .load();
            migrations.migrate();
            List<String> catalog = Db.catalog(db.dataSource());
            List<String> history = Db.history(db.dataSource());

            IrreversibleMigrationException e = catchThrowableOfType(IrreversibleMigrationException.class, () -> migrations.rollback("blog"));

            assertThat(e.irreversible()).containsExactly(new MigrationId("blog", "Migration202501010004"), new MigrationId("blog", "Migration202501010002"));
            assertThat(e.getMessage()).contains("blog/Migration202501010004, blog/Migration202501010002", "irreversible", "Nothing was rolled back");
            assertThat(Db.catalog(db.dataSource())).isEqualTo(catalog);
            assertThat(Db.history(db.dataSource())).isEqualTo(history);
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithinTheConnectTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ModuleMigrations migrations = ModuleMigrations.configure()
                    .dataSource("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/app", "app", "secret")
                    .connectTimeout(Duration.ofSeconds(1))
                    .locations()
                    .sqlMigration("blog", "Migration202501010001", TABLE)
                    .load();

            long start = System.nanoTime();
            DatabaseUnavailableException e = catchThrowableOfType(DatabaseUnavailableException.class, migrations::migrate);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.getMessage()).contains("Could not connect to the database", "connect timeout of 1000 ms", "Nothing was changed");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @ModuleMigration("blog")
    static class Misnamed implements Migration {
        @Override
        public void up(MigrationContext m) {
            m.sql("select 1");
        }
    }

    static class Unannotated implements Migration {
        @Override
        public void up(MigrationContext m) {
            m.sql("select 1");
        }
    }

    static class Irreversible implements Migration {
        @Override
        public void up(MigrationContext m) {
            m.sql("create table irreversible (id int)");
        }
    }
}
