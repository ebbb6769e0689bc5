package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.MigrationException;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scratch database of db:generate: created, emptied, and dropped also on failure and on Ctrl-C. */
@PostgresTest
class ShadowDatabaseTests {

    @Test
    void temporaryDatabaseIsCreatedResetAndDropped(TestDatabase app) {
        ShadowDatabase shadow = ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), null);
        try (shadow) {
            assertThat(shadow.name()).matches("mm_shadow_[0-9a-f]{12}");
            assertThat(Sql.shadowDatabases(app.dataSource())).contains(shadow.name());
            Sql.execute(shadow.dataSource(), "create table leftover (id int)");
            shadow.reset();
            assertThat(Sql.rows(shadow.dataSource(), "select relname from pg_class where relname = 'leftover'")).isEmpty();
        }
        assertThat(Sql.shadowDatabases(app.dataSource())).doesNotContain(shadow.name());
    }

    @Test
    void configuredShadowUrlIsEmptiedAndKept(PostgresServer server, TestDatabase app) {
        try (TestDatabase scratch = server.createDatabase("scratch")) {
            Sql.execute(scratch.dataSource(), "create schema extra", "create table extra.t (id int)", "create table public.u (id int)");
            try (ShadowDatabase shadow = ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), scratch.jdbcUrl())) {
                assertThat(shadow.temporary()).isFalse();
                assertThat(Sql.rows(shadow.dataSource(), "select nspname from pg_namespace where nspname in ('extra', 'public')"))
                        .containsExactly("public");
                assertThat(Sql.rows(shadow.dataSource(), "select relname from pg_class where relname in ('t', 'u')")).isEmpty();
            }
            assertThat(Sql.rows(app.dataSource(), "select 1 from pg_database where datname = '" + scratch.name() + "'")).hasSize(1);
        }
    }

    @Test
    void refusesTheApplicationsOwnDatabaseAsShadow(TestDatabase app) {
        Sql.execute(app.dataSource(), "create table precious (id int)");
        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), app.jdbcUrl() + "?ApplicationName=x"))
                .withMessageContaining("points at the application's database").withMessageContaining("nothing was done");
        assertThat(Sql.rows(app.dataSource(), "select relname from pg_class where relname = 'precious'")).hasSize(1);
    }

    @Test
    void withoutCreatedbTheMessageSaysWhatToSet(TestDatabase app) {
        Sql.execute(app.dataSource(), "do $$ begin if not exists (select 1 from pg_roles where rolname = 'mm_no_createdb')"
                + " then create role mm_no_createdb login password 'secret' nocreatedb; end if; end $$");
        assertThatExceptionOfType(MigrationException.class)
                .isThrownBy(() -> ShadowDatabase.open(app.jdbcUrl(), "mm_no_createdb", "secret", null))
                .withMessageContaining("user mm_no_createdb may not create databases")
                .withMessageContaining("grant CREATEDB to mm_no_createdb, or set module-migrations.generate.shadow-url");
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
    }

    @Test
    void aStoppedJvmDropsItsShadowDatabase(TestDatabase app) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShadowChild.class.getName(), app.jdbcUrl(), app.user(),
                String.valueOf(app.password())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String name;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            name = out.readLine();
            assertThat(name).startsWith(ShadowDatabase.PREFIX);
            assertThat(Sql.shadowDatabases(app.dataSource())).contains(name);
            child.destroy(); // SIGTERM, which runs shutdown hooks as Ctrl-C's SIGINT does
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Sql.shadowDatabases(app.dataSource())).doesNotContain(name);
    }

    /** Opens a shadow database, says its name, and waits to be stopped. */
    public static final class ShadowChild {

        public static void main(String[] args) throws Exception {
            ShadowDatabase shadow = ShadowDatabase.open(args[0], args[1], "null".equals(args[2]) ? null : args[2], null);
            System.out.println(shadow.name());
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

}
