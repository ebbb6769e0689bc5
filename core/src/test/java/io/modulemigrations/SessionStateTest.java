package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What a migration sets on its session (search_path, role, settings) stays with that migration: the
 * next migration, other modules (also on other worker connections), the history write and the
 * tables the engine keeps all see the engine's own session.
 */
class SessionStateTest {

    /** Sets everything a session can carry, then creates a table where its search_path points. */
    private static final String LEAKS = """
            -- migrate:up
            create schema elsewhere;
            set search_path to elsewhere, public;
            create table leaked_here (id int);
            set work_mem = '7MB';
            select set_config('app.tenant', 'leaked', false);
            select pg_catalog.set_config('statement_timeout', '1h', false);
            set application_name = 'leaked';
            set role mm_session_test_role;
            -- migrate:down
            drop schema elsewhere cascade;
            """;

    /** Records the session it ran in and creates an unqualified table. */
    private static String sees(String table) {
        return "-- migrate:up\n" + recordSession(table) + "-- migrate:down\ndrop table " + table + ";\n";
    }

    /** Creates {@code table} (unqualified) with one row: the session the statement ran in. */
    private static String recordSession(String table) {
        return "create table " + table + " as select current_schema()::text as schema, current_setting('search_path') as search_path,"
                + " current_user::text as role, current_setting('work_mem') as work_mem, coalesce(current_setting('app.tenant', true), '') as tenant,"
                + " current_setting('statement_timeout') as statement_timeout, current_setting('application_name') as application_name;\n";
    }

    /**
     * The session as {@link #sees} records it when it is the engine's own: the test connection's settings, and
     * the name the engine gives its sessions (not a default, so only setting it again after a reset brings it back).
     */
    private static String engineSession(DataSource ds) {
        try {
            return Db.rows(ds, "select current_schema()::text || '|' || current_setting('search_path') || '|' || current_user::text"
                    + " || '|' || current_setting('work_mem') || '||' || current_setting('statement_timeout')").get(0)
                    + "|module-migrations@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestDatabase database(String hint) {
        TestDatabase db = PostgresServer.shared().createDatabase(hint);
        Db.execute(db.dataSource(), "do $$ begin if not exists (select 1 from pg_roles where rolname = 'mm_session_test_role') then"
                + " create role mm_session_test_role; end if; end $$");
        return db;
    }

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 3})
    void nothingAMigrationSetsReachesTheNextMigrationOtherModulesOrTheHistory(int concurrency) {
        try (TestDatabase db = database("session_leak")) {
            DataSource ds = db.dataSource();
            String baseline = engineSession(ds);

            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds).concurrency(concurrency)
                    .sqlMigration("alpha", "Migration202601010001", LEAKS)
                    .sqlMigration("alpha", "Migration202601010002", sees("alpha_next"))
                    .sqlMigration("beta", "Migration202601010001", sees("beta_first"))
                    .sqlMigration("gamma", "Migration202601010001", sees("gamma_first"))
                    .dependsOn("beta", "alpha").dependsOn("gamma", "alpha")
                    .load();
            assertThat(migrations.migrate().applied()).hasSize(4);

            assertThat(Db.rows(ds, "select table_schema || '.' || table_name from information_schema.tables"
                    + " where table_schema in ('public', 'elsewhere') order by 1")).containsExactly(
                    "elsewhere.leaked_here", "public.alpha_next", "public.beta_first", "public.gamma_first", "public.module_migrations",
                    "public.module_migrations_checks", "public.module_migrations_progress");
            for (String table : List.of("alpha_next", "beta_first", "gamma_first")) {
                assertThat(Db.rows(ds, "select * from public." + table)).as(table).containsExactly(baseline);
            }
            String user = Db.rows(ds, "select current_user::text").get(0);
            assertThat(Db.rows(ds, "select module || '/' || name || '|' || applied_by from public.module_migrations order by 1")).containsExactly(
                    "alpha/Migration202601010001|" + user, "alpha/Migration202601010002|" + user,
                    "beta/Migration202601010001|" + user, "gamma/Migration202601010001|" + user);
        }
    }

    @Test
    void aPgDumpHeaderApplies() {
        try (TestDatabase db = database("pg_dump_header")) {
            DataSource ds = db.dataSource();
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", "Migration202601010001", """
                            -- migrate:up
                            SET statement_timeout = 0;
                            SET lock_timeout = 0;
                            SET idle_in_transaction_session_timeout = 0;
                            SET client_encoding = 'UTF8';
                            SET standard_conforming_strings = on;
                            SELECT pg_catalog.set_config('search_path', '', false);
                            SET check_function_bodies = false;
                            SET xmloption = content;
                            SET client_min_messages = warning;
                            SET row_security = off;
                            CREATE TABLE public.post (id integer NOT NULL);
                            -- migrate:down
                            DROP TABLE public.post;
                            """)
                    .sqlMigration("blog", "Migration202601010002", "-- migrate:up\ncreate table comment (id int);\n-- migrate:down\ndrop table comment;\n")
                    .load();

            assertThat(migrations.migrate().applied()).hasSize(2);

            assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1", "blog/Migration202601010002|1");
            assertThat(Db.rows(ds, "select table_name from information_schema.tables where table_schema = 'public' order by 1"))
                    .containsExactly("comment", "module_migrations", "module_migrations_checks", "module_migrations_progress", "post");
            assertThat(migrations.rollback("blog").reverted()).hasSize(2);
            assertThat(Db.history(ds)).isEmpty();
        }
    }

    /** Rolling back runs the downs newest first: what one down sets reaches neither the next down nor the history. */
    @Test
    void nothingADownSetsReachesTheNextDown() {
        try (TestDatabase db = database("session_leak_down")) {
            DataSource ds = db.dataSource();
            String baseline = engineSession(ds);
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", "Migration202601010001", "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n"
                            + recordSession("seen_in_down"))
                    .sqlMigration("blog", "Migration202601010002", """
                            -- migrate:up
                            create schema elsewhere;
                            -- migrate:down
                            set search_path to elsewhere, public;
                            set work_mem = '7MB';
                            select set_config('app.tenant', 'leaked', false);
                            set application_name = 'leaked';
                            drop schema elsewhere;
                            set role mm_session_test_role;
                            """)
                    .load();
            assertThat(migrations.migrate().applied()).hasSize(2);

            assertThat(migrations.rollback("blog").reverted()).hasSize(2);

            assertThat(Db.history(ds)).isEmpty();
            assertThat(Db.rows(ds, "select * from public.seen_in_down")).containsExactly(baseline);
        }
    }

    /** A session that starts as a role (the pool's choice) goes back to it, not to its login user, after each migration. */
    @Test
    void aSessionThatStartsAsARoleIsGivenItBackAfterAMigrationLeavesIt() {
        try (TestDatabase db = database("baseline_role")) {
            DataSource ds = startingAs(db.dataSource(), "mm_session_test_role");
            Db.execute(db.dataSource(), "grant create on schema public to mm_session_test_role");
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", "Migration202601010001", "-- migrate:up\nset role none;\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n")
                    .sqlMigration("blog", "Migration202601010002", sees("blog_next"))
                    .load();

            assertThat(migrations.migrate().applied()).hasSize(2);

            assertThat(Db.rows(db.dataSource(), "select role from blog_next")).containsExactly("mm_session_test_role");
            assertThat(Db.rows(db.dataSource(), "select tableowner from pg_tables where tablename = 'post'")).as("created as the login user")
                    .doesNotContain("mm_session_test_role");
        }
    }

    /** {@code RESET ALL} clears what is set in the transaction too: it must not read as the migration having ended it. */
    @Test
    void aMigrationThatResetsEverythingIsRecordedAndTheNextSeesTheEngineSession() {
        try (TestDatabase db = database("reset_all")) {
            DataSource ds = db.dataSource();
            String baseline = engineSession(ds);
            ModuleMigrations migrations = ModuleMigrations.configure().dataSource(ds)
                    .sqlMigration("blog", "Migration202601010001", """
                            -- migrate:up
                            set local work_mem = '9MB';
                            reset all;
                            set statement_timeout = '1h';
                            create table post (id int);
                            -- migrate:down
                            drop table post;
                            """)
                    .sqlMigration("blog", "Migration202601010002", sees("blog_next"))
                    .load();

            assertThat(migrations.migrate().applied()).hasSize(2);

            assertThat(Db.history(ds)).containsExactly("blog/Migration202601010001|1", "blog/Migration202601010002|1");
            assertThat(Db.rows(ds, "select * from blog_next")).containsExactly(baseline);
        }
    }

    @Test
    void aFailedNonTransactionalMigrationLeavesNoSettingBehind() {
        try (TestDatabase db = database("session_leak_failed")) {
            DataSource ds = db.dataSource();
            DataSource pool = oneConnection(ds);
            ModuleMigrations failing = ModuleMigrations.configure().dataSource(pool)
                    .sqlMigration("alpha", "Migration202601010001", "-- migrate:up transaction:false\ncreate schema elsewhere;\n"
                            + "set search_path to elsewhere;\nset role mm_session_test_role;\nselect 1/0;\n-- migrate:down\ndrop schema elsewhere;\n")
                    .load();
            assertThatThrownBy(failing::migrate).isInstanceOf(MigrationFailedException.class).hasMessageContaining("select 1/0");
            ModuleMigrations next = ModuleMigrations.configure().dataSource(pool)
                    .sqlMigration("beta", "Migration202601010001", sees("beta_first")).load();
            next.migrate();
            assertThat(Db.rows(pool, "select current_setting('search_path') || '|' || current_user::text"))
                    .containsExactly(Db.rows(ds, "select current_setting('search_path') || '|' || current_user::text").get(0));
            assertThat(Db.rows(ds, "select schema || '|' || role from public.beta_first"))
                    .containsExactly("public|" + Db.rows(ds, "select current_user::text").get(0));
        }
    }

    /** Like a pool that sets a role on each new connection ({@code SET ROLE}, so resetting the role would lose it). */
    static DataSource startingAs(DataSource ds, String role) {
        return (DataSource) Proxy.newProxyInstance(SessionStateTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("getConnection")) {
                        try (java.sql.Statement st = ((Connection) result).createStatement()) {
                            st.execute("set role " + role);
                        }
                    }
                    return result;
                });
    }

    /** Like a pool of one: every caller gets the same physical connection, and closing it hands it back. */
    static DataSource oneConnection(DataSource ds) {
        Connection physical;
        try {
            physical = ds.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Connection handedOut = (Connection) Proxy.newProxyInstance(SessionStateTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!physical.getAutoCommit()) {
                            physical.rollback();
                            physical.setAutoCommit(true);
                        }
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(SessionStateTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? handedOut : method.invoke(ds, args));
    }
}
