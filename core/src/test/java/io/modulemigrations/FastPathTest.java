package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Liquibase took minutes before even locking; here an up-to-date start is one query and no lock. */
@PostgresTest
class FastPathTest {

    @Test
    void withEverythingAppliedMigrateReadsTheHistoryOnceAndTakesNoLock(TestDatabase db) {
        List<String> statements = new CopyOnWriteArrayList<>();
        DataSource counting = counting(db.dataSource(), statements);
        FluentConfiguration config = ModuleMigrations.configure().dataSource(counting).locations();
        for (int i = 1; i <= 30; i++) {
            config.sqlMigration("m" + (i % 3), String.format("Migration2025010100%02d", i),
                    "-- migrate:up\ncreate table t" + i + " (id int);\n-- migrate:down\ndrop table t" + i + ";\n");
        }
        ModuleMigrations migrations = config.load();
        assertThat(migrations.migrate().applied()).hasSize(30);
        assertThat(statements).anyMatch(s -> s.contains("pg_try_advisory_lock"));

        statements.clear();
        MigrateResult result = migrations.migrate();

        assertThat(result.nothingToDo()).isTrue();
        assertThat(result.lockTaken()).isFalse();
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0)).as("module, name and checksum alone, compared as read").startsWith("select module, name, checksum from")
                .contains("module_migrations");
    }

    /** A start is a new instance: its first connection reads the schema and the history's checksums in one round trip. */
    @Test
    void aNewInstanceWithEverythingAppliedSendsOneQuery(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("fast_path_new_instance")) {
            configure(db.dataSource()).load().migrate();
            List<String> statements = new CopyOnWriteArrayList<>();

            MigrateResult result = configure(counting(db.dataSource(), statements)).load().migrate();

            assertThat(result.nothingToDo()).isTrue();
            assertThat(statements).singleElement().asString().startsWith("select current_schema()")
                    .contains(";\nselect module, name, checksum from \"module_migrations\"");
        }
    }

    /** A Java migration's checksum is its {@code up} recorded: with one, a start still sends one query. */
    @Test
    void aStartWithAJavaMigrationSendsOneQueryToo(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("fast_path_java")) {
            io.modulemigrations.migration.Migration tags = m -> m.sql("create table tag (id int)");
            configure(db.dataSource()).javaMigration("shop", "Migration202501010003", tags).load().migrate();
            List<String> statements = new CopyOnWriteArrayList<>();

            MigrateResult result = configure(counting(db.dataSource(), statements)).javaMigration("shop", "Migration202501010003", tags)
                    .load().migrate();

            assertThat(result.nothingToDo()).isTrue();
            assertThat(statements).singleElement().asString().contains("select module, name, checksum from");

            io.modulemigrations.migration.Migration edited = m -> m.sql("create table tag (id bigint)");
            ChecksumMismatchException mismatch = catchThrowableOfType(ChecksumMismatchException.class, () -> configure(db.dataSource())
                    .javaMigration("shop", "Migration202501010003", edited).load().migrate());
            assertThat(mismatch).as("a Java migration whose SQL changed is not taken as applied").isNotNull();
            assertThat(mismatch.mismatches().keySet()).extracting(Object::toString).containsExactly("shop/Migration202501010003");
        }
    }

    /** A Java migration that uses the connection has no checksum before it runs; any recorded one is accepted, as a full read accepts it. */
    @Test
    void aJavaMigrationThatNeedsTheDatabaseMatchesAnyRecordedChecksum(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("fast_path_java_jdbc")) {
            io.modulemigrations.migration.Migration fill = m -> {
                try (Statement st = m.connection().createStatement()) {
                    st.execute("insert into author values (1)");
                }
            };
            configure(db.dataSource()).javaMigration("blog", "Migration202501010003", fill).load().migrate();
            List<String> statements = new CopyOnWriteArrayList<>();

            MigrateResult result = configure(counting(db.dataSource(), statements)).javaMigration("blog", "Migration202501010003", fill)
                    .load().migrate();

            assertThat(result.nothingToDo()).isTrue();
            assertThat(statements).singleElement().asString().contains("select module, name, checksum from");
            assertThat(Db.rows(db.dataSource(), "select count(*) from author")).containsExactly("1");
        }
    }

    /** The rows come in whatever order the table holds them: an updated row moves, and is still found. */
    @Test
    void aHistoryInAnotherOrderIsStillProvedInOneRead(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("fast_path_order")) {
            configure(db.dataSource()).load().migrate();
            Db.execute(db.dataSource(), "update module_migrations set applied_by = applied_by where name = 'Migration202501010001'");
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("select name from module_migrations order by ctid limit 1")) {
                rs.next();
                assertThat(rs.getString(1)).as("the table now holds the second migration first").isEqualTo("Migration202501010002");
            }
            List<String> statements = new CopyOnWriteArrayList<>();

            MigrateResult result = configure(counting(db.dataSource(), statements)).load().migrate();

            assertThat(result.nothingToDo()).isTrue();
            assertThat(statements).hasSize(1);
        }
    }

    /** Matching rows in any order must not let a row recorded twice stand for a migration that is not recorded. */
    @Test
    void aRowRecordedTwiceDoesNotStandForAMissingOne(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("fast_path_twice")) {
            configure(db.dataSource()).load().migrate();
            Db.execute(db.dataSource(), "alter table module_migrations drop constraint module_migrations_pkey");
            Db.execute(db.dataSource(), "insert into module_migrations select * from module_migrations where name = 'Migration202501010001'");
            Db.execute(db.dataSource(), "delete from module_migrations where name = 'Migration202501010002'");

            MigrateResult result = configure(db.dataSource()).load().migrate();

            assertThat(result.applied()).extracting(ExecutedMigration::name).containsExactly("Migration202501010002");
        }
    }

    /**
     * The history the search_path finds is not the engine's when it is in another schema than the
     * current one: its rows are not taken, and the run goes on with the current schema's (none yet).
     */
    @Test
    void aHistoryOfTheSameNameFurtherDownTheSearchPathIsNotTaken(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("fast_path_other_schema")) {
            Db.execute(db.dataSource(), "create schema other");
            configure(db.dataSource()).schema("other").load().migrate();
            Db.execute(db.dataSource(), "alter database " + db.name() + " set search_path = public, other");

            MigrateResult result = configure(db.dataSource()).load().migrate();

            assertThat(result.applied()).as("applied in public, where this configuration keeps its history").hasSize(2);
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("select count(*) from public.module_migrations")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    private static FluentConfiguration configure(DataSource ds) {
        String table = "-- migrate:up\ncreate table if not exists %1$s (id int);\n-- migrate:down\ndrop table %1$s;\n";
        return ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("blog", "Migration202501010001", table.formatted("author"))
                .sqlMigration("blog", "Migration202501010002", table.formatted("post"));
    }

    /** The checksums read proves only an exact match; anything else is read as a run reads it and reported as before. */
    @Test
    void aHistoryThatDiffersFromTheCodeIsReadRowByRow(PostgresServer server) {
        try (TestDatabase db = server.createDatabase("fast_path_differs")) {
            differs(db);
        }
    }

    private static void differs(TestDatabase db) {
        String table = "-- migrate:up\ncreate table %1$s (id int);\n-- migrate:down\ndrop table %1$s;\n";
        ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                .sqlMigration("blog", "Migration202501010001", table.formatted("author"))
                .sqlMigration("blog", "Migration202501010002", table.formatted("post")).load().migrate();
        List<String> statements = new CopyOnWriteArrayList<>();

        MigrateResult withoutOne = ModuleMigrations.configure().dataSource(counting(db.dataSource(), statements)).locations()
                .sqlMigration("blog", "Migration202501010001", table.formatted("author")).load().migrate();

        assertThat(withoutOne.nothingToDo()).isTrue();
        assertThat(withoutOne.missing()).extracting(Object::toString).containsExactly("blog/Migration202501010002");
        assertThat(statements).filteredOn(sql -> sql.contains("select module, name, checksum from")).hasSize(1);
        assertThat(statements).last().asString().startsWith("select module, name, batch, checksum");

        ChecksumMismatchException edited = catchThrowableOfType(ChecksumMismatchException.class, () -> ModuleMigrations.configure()
                .dataSource(db.dataSource()).locations()
                .sqlMigration("blog", "Migration202501010001", table.formatted("writer"))
                .sqlMigration("blog", "Migration202501010002", table.formatted("post")).load().migrate());
        assertThat(edited).as("an edited applied migration is not taken as applied").isNotNull();
        assertThat(edited.mismatches()).hasSize(1);
    }

    /** A DataSource that records the SQL of every statement executed through it. */
    static DataSource counting(DataSource target, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(FastPathTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? wrap(Connection.class, c, statements, null) : result;
                });
    }

    private static <T> T wrap(Class<T> type, T target, List<String> statements, String preparedSql) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute") && target instanceof Statement) {
                if (name.equals("executeBatch")) {
                    statements.add("<batch>");
                } else {
                    statements.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
                }
            }
            Object result = invoke(target, method, args);
            if (result instanceof java.sql.PreparedStatement ps && name.equals("prepareStatement")) {
                return wrap(java.sql.PreparedStatement.class, ps, statements, (String) args[0]);
            }
            if (result instanceof Statement st && name.equals("createStatement")) {
                return wrap(Statement.class, st, statements, null);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(FastPathTest.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
