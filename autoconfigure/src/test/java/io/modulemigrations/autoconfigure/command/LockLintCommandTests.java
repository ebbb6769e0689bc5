package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.autoconfigure.generate.ModuleEntities;
import io.modulemigrations.autoconfigure.generate.ShadowDatabase;
import io.modulemigrations.lint.LintMode;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** The lock lint in db:migrate --dry-run and db:verify, run on the shadow database in the state before each migration. */
@PostgresTest
class LockLintCommandTests {

    static final String POSTS = "-- migrate:up\ncreate table post (id int primary key, title text);\n"
            + "insert into post select g, 'title ' || g from generate_series(1, 500) g;\n-- migrate:down\ndrop table post;\n";
    static final String INDEX = "-- migrate:up\ncreate index post_title_idx on post (title);\n-- migrate:down\ndrop index post_title_idx;\n";

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    FluentConfiguration migrations(TestDatabase app, String second) {
        return ModuleMigrations.configure().dataSource(app.dataSource()).locations()
                .sqlMigration("blog", "Migration202501010001", POSTS)
                .sqlMigration("blog", "Migration202501010002", second);
    }

    int run(TestDatabase app, String second, LintMode lint, String... args) {
        ModuleMigrations engine = migrations(app, second).load();
        MigrationGenerator generator = new MigrationGenerator(engine, ModuleEntities.of(List.of(), null, Map.of()), List.of(), null,
                () -> ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), null), null, "module_migrations");
        MigrationCommands commands = new MigrationCommands(engine, MigrateOptions.defaults(),
                new DatabaseSetup(app.dataSource(), new DefaultResourceLoader(), "classpath:db/seed.json"), () -> generator, Path.of("."),
                lint);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return commands.run(List.of(args), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void dryRunReportsThePendingMigrationsLocksAndFailsWithLintFail(TestDatabase app) throws SQLException {
        ModuleMigrations.configure().dataSource(app.dataSource()).locations().sqlMigration("blog", "Migration202501010001", POSTS)
                .load().migrate();

        assertThat(run(app, INDEX, LintMode.WARN, "db:migrate", "--dry-run")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("create index post_title_idx on post (title)",
                "Lock findings (lint=warn: reported, not failing):",
                "blog/Migration202501010002: create-index: create index post_title_idx on post (title)",
                "takes ShareLock on public.post, blocking writes", "Safer: create index concurrently", "Dry run: nothing was changed.");

        assertThat(run(app, INDEX, LintMode.FAIL, "db:migrate", "--dry-run")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(out.toString()).contains("lint=fail: each one fails");

        assertThat(run(app, "-- migrate:up\n-- lint:ignore create-index\ncreate index post_title_idx on post (title);\n"
                + "-- migrate:down\ndrop index post_title_idx;\n", LintMode.FAIL, "db:migrate", "--dry-run")).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Lock lint: no findings in 1 pending migration(s).");

        assertThat(run(app, INDEX, LintMode.OFF, "db:migrate", "--dry-run")).isZero();
        assertThat(out.toString()).doesNotContain("Lock");

        assertThat(VerifyCommandTests.rows(app, "select count(*) from pg_indexes where indexname = 'post_title_idx'")).containsExactly("0");
        assertThat(VerifyCommandTests.shadowDatabases(app)).isEmpty();
    }

    @Test
    void verifyReportsLockFindingsOfTheVerifiedMigrations(TestDatabase app) throws SQLException {
        assertThat(run(app, INDEX, LintMode.WARN, "db:verify")).as(out.toString()).isZero();
        assertThat(out.toString()).contains("blog/Migration202501010002  restores", "Lock findings (lint=warn",
                "blog/Migration202501010002: create-index");

        assertThat(run(app, INDEX, LintMode.FAIL, "db:verify", "--json")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(out.toString()).contains("\"passed\":false", "\"lint\":\"fail\"",
                "\"lockFindings\":[{\"module\":\"blog\",\"migration\":\"Migration202501010002\",\"rule\":\"create-index\"",
                "\"lockMode\":\"ShareLock\",\"blocks\":\"writes\",\"rewritten\":false");
        assertThat(VerifyCommandTests.shadowDatabases(app)).isEmpty();
    }
}
