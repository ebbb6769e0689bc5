package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.SampleJar.Run;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's set-up, link and script commands against a database that does not exist when
 * the class starts: db:setup creates it, then db:create, db:seed, db:sync-links (with no terminal)
 * and a failing migration script.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseCommandsIT {

    private static final String LINK_TABLE = "product_product_brand_brand";
    private static final String SCRIPT = "20250704-brand-unbranded-products";

    static TestDatabase admin;
    static String name;
    static String url;

    @TempDir
    static Path logs;

    @BeforeAll
    static void chooseAMissingDatabase() {
        admin = PostgresServer.shared().createDatabase("sample_setup_admin");
        name = admin.name() + "_app";
        url = PostgresServer.shared().jdbcUrl(name);
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + name + "\" with (force)");
        }
        admin.close();
    }

    @Test
    @Order(1)
    void setupCreatesTheMissingDatabaseMigratesSyncsLinksAndRunsScripts() throws Exception {
        assertThat(rows(admin.connect(), "select count(*) from pg_database where datname = '" + name + "'")).containsExactly("0");
        Run run = launch("db:setup");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Created database " + name + ".", "Applied 4 migration(s) in batch 1",
                "Link applied      creates table " + LINK_TABLE, "Script ran " + SCRIPT);
        assertThat(rows("select module || '/' || name from module_migrations order by 1")).hasSize(4);
        assertThat(rows("select product_id || '/' || brand_id from " + LINK_TABLE)).containsExactly("mug/acme");
    }

    @Test
    @Order(2)
    void createLeavesTheExistingDatabaseAsItIs() throws Exception {
        Run run = launch("db:create");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Database " + name + " already exists; left as it is.");
    }

    @Test
    @Order(3)
    void seedingTwiceLeavesOneCopyOfTheSeedRows() throws Exception {
        Run first = launch("db:seed");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Nothing to migrate", "Seeded product: 1 row(s) inserted, 0 already there");
        Run second = launch("db:seed");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Seeded author: 0 row(s) inserted, 1 already there",
                "Seeded post: 0 row(s) inserted, 1 already there", "Seeded brand: 0 row(s) inserted, 1 already there",
                "Seeded product: 0 row(s) inserted, 1 already there",
                "Seeded " + LINK_TABLE + ": 0 row(s) inserted, 1 already there");
        assertThat(rows("select string_agg(id, ',' order by id) from product")).containsExactly("lamp,mug");
        assertThat(rows("select string_agg(id, ',' order by id) from author")).containsExactly("ada,grace");
        assertThat(rows("select string_agg(product_id || '/' || brand_id, ',' order by product_id) from " + LINK_TABLE))
                .containsExactly("lamp/globex,mug/acme");
    }

    @Test
    @Order(4)
    void syncLinksWithoutATerminalNeverWaitsAndKeepsUnsafeActionsUntilExecuteAll() throws Exception {
        // A link that is no longer declared: its table and its module_links row are left from an earlier release.
        execute("create table blog_post_brand_brand (id text, post_id text, brand_id text)",
                "insert into blog_post_brand_brand values ('1', 'hello', 'acme')",
                "insert into module_links (table_name, descriptor) values ('blog_post_brand_brand', '{}')");
        Run run = launch("db:sync-links");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("No terminal to ask on, so only safe link actions are applied",
                "Link not applied  not selected (unsafe): drops table blog_post_brand_brand with 1 row");
        assertThat(rows("select count(*) from blog_post_brand_brand")).containsExactly("1");

        Run all = launch("db:sync-links", "--execute-all");
        assertThat(all.exitCode()).as(all.output()).isZero();
        assertThat(all.output()).contains("Link applied      drops table blog_post_brand_brand with 1 row");
        assertThat(rows("select count(*) from information_schema.tables where table_name = 'blog_post_brand_brand'")).containsExactly("0");
    }

    @Test
    @Order(5)
    void aFailingScriptFailsMigrateWithExitOneAndALaterRunSucceeds() throws Exception {
        execute("delete from module_migration_scripts", "insert into product values ('cup', 'Cup')",
                "create function refuse() returns trigger language plpgsql as $$ begin raise exception 'brand links are frozen'; end $$",
                "create trigger frozen before insert on " + LINK_TABLE + " for each statement execute function refuse()");
        Run skipped = launch("db:migrate", "--skip-scripts");
        assertThat(skipped.exitCode()).as(skipped.output()).isZero();
        assertThat(skipped.output()).doesNotContain("Script ran");

        Run failed = launch("db:migrate");
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("Script FAILED " + SCRIPT, "brand links are frozen", "runs again next time");
        assertThat(rows("select count(*) from module_migration_scripts where finished_at is null and error is not null"))
                .containsExactly("1");

        execute("drop trigger frozen on " + LINK_TABLE);
        Run later = launch("db:migrate");
        assertThat(later.exitCode()).as(later.output()).isZero();
        assertThat(later.output()).contains("Script ran " + SCRIPT);
        assertThat(rows("select brand_id from " + LINK_TABLE + " where product_id = 'cup'")).containsExactly("acme");
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        return SampleJar.launch(logs, url, admin.user(), admin.password(), args);
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        return rows(connect(), sql);
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, admin.user(), admin.password());
    }
}
