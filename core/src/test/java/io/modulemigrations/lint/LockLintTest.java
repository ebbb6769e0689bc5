package io.modulemigrations.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.Db;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Locks found by running each statement on a table with rows, not by reading the text. */
@PostgresTest
class LockLintTest {

    static TestDatabase db;

    @BeforeAll
    static void tables(PostgresServer server) {
        db = server.createDatabase("lock_lint");
        Db.execute(db.dataSource(), "create table author (id int primary key);"
                + "create table post (id int primary key, title text, author_id int, body text);"
                + "insert into author select g from generate_series(1, 100) g;"
                + "insert into post select g, 'title ' || g, g % 100 + 1, 'body' from generate_series(1, 1000) g;"
                + "alter table post add constraint post_author_fk_unchecked foreign key (author_id) references author (id) not valid;"
                + "alter table post add constraint post_body_not_null check (body is not null)");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    static List<LockFinding> lint(String up) throws Exception {
        LoadedMigration m = ModuleMigrations.configure().dataSource(db.dataSource()).locations()
                .sqlMigration("blog", "Migration202601010001", up).load().migrations("blog").get(0);
        DataSource ds = db.dataSource();
        try (Connection c = ds.getConnection()) {
            return LockLint.check(c, m);
        }
    }

    @Test
    void createIndexWithoutConcurrentlyBlocksWrites() throws Exception {
        List<LockFinding> findings = lint("-- migrate:up\ncreate index post_title_idx on post (title);\n");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(LockRule.CREATE_INDEX);
            assertThat(f.table()).isEqualTo("public.post");
            assertThat(f.lockMode()).isEqualTo("ShareLock");
            assertThat(f.blocks()).isEqualTo("writes");
            assertThat(f.describe()).contains("blog/Migration202601010001: create-index: create index post_title_idx on post (title)",
                    "takes ShareLock on public.post", "blocking writes", "Safer: create index concurrently, in a migration with transaction:false");
        });
        assertThat(Db.rows(db.dataSource(), "select 1 from pg_indexes where indexname = 'post_title_idx'")).isEmpty();
    }

    @Test
    void addForeignKeyBlocksWritesOnBothTables() throws Exception {
        List<LockFinding> findings = lint("-- migrate:up\nalter table post add constraint post_author_fk foreign key (author_id) references author (id);\n");
        assertThat(findings).extracting(LockFinding::table).containsExactlyInAnyOrder("public.post", "public.author");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(LockRule.ADD_FOREIGN_KEY);
            assertThat(f.lockMode()).isEqualTo("ShareRowExclusiveLock");
            assertThat(f.rule().saferPattern()).contains("not valid", "validate constraint");
        });
    }

    @Test
    void setNotNullBlocksReadsAndWrites() throws Exception {
        List<LockFinding> findings = lint("-- migrate:up\nalter table post alter column title set not null;\n");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(LockRule.SET_NOT_NULL);
            assertThat(f.lockMode()).isEqualTo("AccessExclusiveLock");
            assertThat(f.blocks()).isEqualTo("reads and writes");
            assertThat(f.rule().saferPattern()).contains("check (column is not null) not valid");
        });
    }

    @Test
    void rewritingTypeChangeAndVolatileDefaultRewriteTheTable() throws Exception {
        assertThat(lint("-- migrate:up\nalter table post alter column id type bigint;\n")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(LockRule.COLUMN_TYPE_REWRITE);
            assertThat(f.rewritten()).isTrue();
            assertThat(f.lockMode()).isEqualTo("AccessExclusiveLock");
            assertThat(f.describe()).contains("and rewrites it", "new column of the new type, backfill");
        });
        assertThat(lint("-- migrate:up\nalter table post add column token uuid default gen_random_uuid();\n")).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(LockRule.ADD_COLUMN_VOLATILE_DEFAULT));
    }

    @Test
    void theSaferVersionsAreNotReported() throws Exception {
        assertThat(lint("-- migrate:up transaction:false\ncreate index concurrently post_title_idx on post (title);\n"
                + "-- migrate:down transaction:false\ndrop index concurrently post_title_idx;\n")).isEmpty();
        assertThat(lint("-- migrate:up\nalter table post add constraint post_author_fk foreign key (author_id) references author (id) not valid;\n"))
                .isEmpty();
        assertThat(lint("-- migrate:up\nalter table post validate constraint post_author_fk_unchecked;\n")).isEmpty();
        assertThat(lint("-- migrate:up\nalter table post alter column body set not null;\n")).isEmpty();
        assertThat(lint("-- migrate:up\nalter table post add column note text;\nalter table post add column flag boolean default false;\n"
                + "alter table post alter column title type varchar(300);\n".replace("varchar(300)", "text"))).isEmpty();
        assertThat(lint("-- migrate:up\ncreate table tag (id int);\ncreate index tag_id_idx on tag (id);\n")).isEmpty();
    }

    @Test
    void lintIgnoreOnTheStatementSilencesThatRuleOnly() throws Exception {
        assertThat(lint("-- migrate:up\n-- lint:ignore create-index (post has 1000 rows; reviewed)\ncreate index post_title_idx on post (title);\n"))
                .isEmpty();
        assertThat(lint("-- migrate:up\n-- lint:ignore set-not-null\ncreate index post_title_idx on post (title);\n"))
                .extracting(LockFinding::rule).containsExactly(LockRule.CREATE_INDEX);
    }
}
