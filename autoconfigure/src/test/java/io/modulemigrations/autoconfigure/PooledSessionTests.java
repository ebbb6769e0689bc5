package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Startup migrations borrow their connections from the application's pool; a migration that changes
 * its session (search_path, role, a setting) must not hand that session to the application.
 */
@PostgresTest
class PooledSessionTests {

    private static final String SESSION = "select current_setting('search_path') || '|' || current_user::text || '|'"
            + " || current_setting('work_mem') || '|' || coalesce(current_setting('app.tenant', true), '')";

    @Test
    void theApplicationsNextPooledConnectionHasNoneOfWhatAMigrationSet(TestDatabase database, @TempDir Path dir) throws IOException, SQLException {
        String expected;
        try (Connection c = database.dataSource().getConnection()) {
            execute(c, "create schema elsewhere; create table elsewhere.post (id int); create table public.post (id int);"
                    + " do $$ begin if not exists (select 1 from pg_roles where rolname = 'mm_pool_test_role') then"
                    + " create role mm_pool_test_role; end if; end $$");
            expected = query(c, SESSION);
        }
        Path file = dir.resolve("blog/Migration202601010001.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                -- migrate:up
                set search_path to elsewhere, public;
                set work_mem = '7MB';
                select set_config('app.tenant', 'leaked', false);
                set role mm_pool_test_role;
                -- migrate:down
                """);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ModuleMigrationsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                        "spring.datasource.password=" + (database.password() == null ? "" : database.password()),
                        "spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.minimum-idle=1",
                        "module-migrations.run-on=initialization", "module-migrations.locations=file:" + dir)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DataSource pool = context.getBean(DataSource.class);
                    assertThat(pool).isInstanceOf(HikariDataSource.class);
                    try (Connection c = pool.getConnection()) {
                        assertThat(query(c, "select count(*) from module_migrations")).isEqualTo("1");
                        assertThat(query(c, SESSION)).isEqualTo(expected);
                        assertThat(query(c, "select to_regclass('post')::text")).isEqualTo("post");
                        assertThat(query(c, "select n.nspname from pg_class t join pg_namespace n on n.oid = t.relnamespace"
                                + " where t.oid = 'post'::regclass")).isEqualTo("public");
                    }
                });
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
