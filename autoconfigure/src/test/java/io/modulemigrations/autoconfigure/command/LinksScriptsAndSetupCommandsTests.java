package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * db:migrate with links and scripts, db:migrate:scripts, db:sync-links, db:create and db:seed through
 * the command layer, each test on its own fresh database.
 */
class LinksScriptsAndSetupCommandsTests {

    private static final ModuleLink PRODUCT_BRAND = ModuleLink.between("product", "product", "brand", "brand");
    private static final String LINK_TABLE = PRODUCT_BRAND.tableName();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicBoolean scriptFails = new AtomicBoolean();
    private final MigrationScript brandEverything = new MigrationScript() {
        @Override
        public String name() {
            return "brand-everything";
        }

        @Override
        public void run(ScriptContext context) {
            if (LinksScriptsAndSetupCommandsTests.this.scriptFails.get()) {
                throw new IllegalStateException("the brand service is down");
            }
            context.sql("insert into " + LINK_TABLE + " (product_id, brand_id) select id, 'acme' from product");
        }
    };

    private TestDatabase database;

    @TempDir
    Path dir;

    @BeforeEach
    void createDatabase() {
        this.database = PostgresServer.shared().createDatabase("commands_issue5");
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    private FluentConfiguration app() {
        return ModuleMigrations.configure().dataSource(this.database.dataSource()).locations()
                .sqlMigration("product", "Migration202507030900", "-- migrate:up\ncreate table product (id text primary key);\n"
                        + "insert into product values ('mug');\n-- migrate:down\ndrop table product;\n")
                .sqlMigration("brand", "Migration202507031000", "-- migrate:up\ncreate table brand (id text primary key);\n"
                        + "-- migrate:down\ndrop table brand;\n");
    }

    private MigrationCommands commands(ModuleMigrations migrations, DatabaseSetup setup) {
        return new MigrationCommands(migrations, MigrateOptions.defaults(), setup);
    }

    private MigrationCommands commands(ModuleMigrations migrations) {
        return commands(migrations, new DatabaseSetup(this.database.dataSource(), new DefaultResourceLoader(), "classpath:db/seed.json"));
    }

    private int run(MigrationCommands commands, String... args) {
        return run(commands, null, args);
    }

    private int run(MigrationCommands commands, Prompt prompt, String... args) {
        this.out.getBuffer().setLength(0);
        this.err.getBuffer().setLength(0);
        return commands.run(List.of(args), new PrintWriter(this.out), new PrintWriter(this.err), prompt);
    }

    @Test
    void skipScriptsLeavesScriptsForMigrateScriptsWhichRunsThemAndNothingElse() throws Exception {
        MigrationCommands commands = commands(app().links(PRODUCT_BRAND).scripts(this.brandEverything).load());
        assertThat(run(commands, "db:migrate", "--skip-scripts")).as(this.err.toString()).isZero();
        assertThat(this.out.toString()).contains("Applied 2 migration(s)", "Link applied", "creates table " + LINK_TABLE)
                .doesNotContain("Script");
        assertThat(rows("select count(*) from " + LINK_TABLE)).containsExactly("0");

        ModuleMigrations withMore = app().links(PRODUCT_BRAND).scripts(this.brandEverything)
                .sqlMigration("product", "Migration209901010000", "-- migrate:up\ncreate table price (id text);\n-- migrate:down\ndrop table price;\n")
                .load();
        assertThat(run(commands(withMore), "db:migrate:scripts")).as(this.err.toString()).isZero();
        assertThat(this.out.toString()).contains("Script ran brand-everything");
        assertThat(rows("select product_id || '/' || brand_id from " + LINK_TABLE)).containsExactly("mug/acme");
        assertThat(withMore.status().module("product").pending()).containsExactly("Migration209901010000");

        assertThat(run(commands, "db:status")).isZero();
        assertThat(this.out.toString()).contains("declared  product.product <-> brand.brand (" + LINK_TABLE + ")",
                "done     brand-everything  started");
    }

    @Test
    void aFailingScriptFailsMigrateWithExitOneAndRunsAgainNextTime() throws Exception {
        MigrationCommands commands = commands(app().links(PRODUCT_BRAND).scripts(this.brandEverything).load());
        this.scriptFails.set(true);
        assertThat(run(commands, "db:migrate")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(this.out.toString()).contains("Script FAILED brand-everything: IllegalStateException: the brand service is down");
        assertThat(this.err.toString()).contains("Migration script brand-everything failed", "runs again next time");
        assertThat(run(commands, "db:status", "--json")).isZero();
        assertThat(this.out.toString()).contains("\"scripts\":[{\"name\":\"brand-everything\",\"state\":\"failed\"",
                "\"error\":\"IllegalStateException: the brand service is down\"");

        this.scriptFails.set(false);
        assertThat(run(commands, "db:migrate")).as(this.err.toString()).isZero();
        assertThat(this.out.toString()).contains("Nothing to migrate", "Script ran brand-everything", "failed in an earlier run");
        assertThat(rows("select count(*) from " + LINK_TABLE)).containsExactly("1");
    }

    @Test
    void syncLinksPlansOnDryRunAsksOnATerminalKeepsUnsafeActionsWithoutOneAndDropsWithExecuteAll() throws Exception {
        assertThat(run(commands(app().links(PRODUCT_BRAND).load()), "db:migrate")).isZero();
        execute("insert into " + LINK_TABLE + " (product_id, brand_id) values ('mug', 'acme')");
        MigrationCommands withoutLink = commands(app().load());
        List<String> before = catalog();

        assertThat(run(withoutLink, "db:sync-links", "--dry-run")).isZero();
        assertThat(this.out.toString()).contains("-- UNSAFE: drops table " + LINK_TABLE + " with 1 row", "drop table",
                "Dry run: nothing was changed.");
        assertThat(catalog()).isEqualTo(before);

        assertThat(run(withoutLink, "db:sync-links")).isZero();
        assertThat(this.out.toString()).contains("No terminal to ask on, so only safe link actions are applied",
                "Link not applied  not selected (unsafe): drops table " + LINK_TABLE + " with 1 row");
        assertThat(catalog()).isEqualTo(before);

        List<String> asked = new ArrayList<>();
        assertThat(run(withoutLink, question -> {
            asked.add(question);
            return "n";
        }, "db:sync-links")).isZero();
        assertThat(asked).containsExactly("Apply it? [y/N] ");
        assertThat(this.out.toString()).contains("1 link action(s) may lose data:", "drops table " + LINK_TABLE);
        assertThat(catalog()).isEqualTo(before);

        assertThat(run(withoutLink, question -> "y", "db:sync-links")).isZero();
        assertThat(this.out.toString()).contains("Link applied      drops table " + LINK_TABLE);
        assertThat(catalog()).doesNotContain(LINK_TABLE);

        assertThat(run(commands(app().links(PRODUCT_BRAND).load()), "db:sync-links", "--execute-safe")).isZero();
        assertThat(catalog()).contains(LINK_TABLE);
        assertThat(run(withoutLink, "db:sync-links", "--execute-all")).isZero();
        assertThat(this.out.toString()).contains("Link applied      drops table " + LINK_TABLE + " with 0 rows");
        assertThat(catalog()).doesNotContain(LINK_TABLE);
        assertThat(rows("select count(*) from module_links")).containsExactly("0");
    }

    @Test
    void migrateLinkOptionsAndBadCombinations() throws Exception {
        MigrationCommands commands = commands(app().links(PRODUCT_BRAND).load());
        assertThat(run(commands, "db:migrate", "--skip-links")).isZero();
        assertThat(catalog()).doesNotContain(LINK_TABLE);
        assertThat(run(commands, "db:migrate", "--dry-run")).isZero();
        assertThat(this.out.toString()).contains("-- safe: creates table " + LINK_TABLE, "Dry run");
        assertThat(run(commands, "db:migrate", "--execute-safe-links")).isZero();
        assertThat(catalog()).contains(LINK_TABLE);
        execute("insert into " + LINK_TABLE + " (product_id, brand_id) values ('mug', 'acme')");
        assertThat(run(commands(app().load()), "db:migrate", "--execute-all-links")).isZero();
        assertThat(this.out.toString()).contains("Link applied      drops table " + LINK_TABLE + " with 1 row");
        assertThat(catalog()).doesNotContain(LINK_TABLE);

        assertThat(run(commands, "db:migrate", "--skip-links", "--execute-all-links")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("Give --skip-links or --execute-all-links, not both");
        assertThat(run(commands, "db:sync-links", "--dry-run", "--execute-all")).isEqualTo(MigrationCommands.USAGE);
        assertThat(this.err.toString()).contains("Give one of --execute-safe, --execute-all or --dry-run",
                "Usage: db:sync-links [--execute-safe | --execute-all | --dry-run]");
    }

    @Test
    void createMakesANewDatabaseAndLeavesAnExistingOneAsItIs() throws Exception {
        String name = this.database.name() + "_new";
        String other = this.database.name() + "_other";
        PGSimpleDataSource missing = new PGSimpleDataSource();
        missing.setUrl(PostgresServer.shared().jdbcUrl(name));
        missing.setUser(this.database.user());
        missing.setPassword(this.database.password());
        // The engine's DataSource points at a database that does not exist: loading connects to nothing.
        MigrationCommands commands = commands(app().dataSource(missing).load(),
                new DatabaseSetup(missing, new DefaultResourceLoader(), "classpath:db/seed.json"));
        try {
            assertThat(run(commands, "db:create")).as(this.err.toString()).isZero();
            assertThat(this.out.toString()).isEqualTo("Created database " + name + ".\n");
            assertThat(run(commands, "db:create")).isZero();
            assertThat(this.out.toString()).isEqualTo("Database " + name + " already exists; left as it is.\n");
            assertThat(run(commands, "db:create", "--db", other)).isZero();
            assertThat(this.out.toString()).isEqualTo("Created database " + other + ".\n");
            assertThat(rows("select datname from pg_database where datname in ('" + name + "', '" + other + "') order by 1"))
                    .containsExactly(name, other);
        } finally {
            execute("drop database if exists \"" + name + "\" with (force)");
            execute("drop database if exists \"" + other + "\" with (force)");
        }
    }

    @Test
    void seedMigratesFirstAndTwiceLeavesOneCopyOfEachRow() throws Exception {
        Path seed = Files.writeString(this.dir.resolve("seed.json"), """
                {"brand": [{"id": "globex"}], "product": [{"id": "lamp"}, {"id": "desk"}],
                 "%s": [{"product_id": "lamp", "brand_id": "globex"}]}""".formatted(LINK_TABLE));
        MigrationCommands commands = commands(app().links(PRODUCT_BRAND).load(),
                new DatabaseSetup(this.database.dataSource(), new DefaultResourceLoader(), seed.toUri().toString()));
        assertThat(run(commands, "db:seed")).as(this.err.toString()).isZero();
        assertThat(this.out.toString()).contains("Applied 2 migration(s)", "Seeded brand: 1 row(s) inserted, 0 already there",
                "Seeded product: 2 row(s) inserted, 0 already there", "Seeded " + LINK_TABLE + ": 1 row(s) inserted");
        assertThat(run(commands, "db:seed")).as(this.err.toString()).isZero();
        assertThat(this.out.toString()).contains("Nothing to migrate", "Seeded product: 0 row(s) inserted, 2 already there");
        assertThat(rows("select string_agg(id, ',' order by id) from product")).containsExactly("desk,lamp,mug");
        assertThat(rows("select count(*) from " + LINK_TABLE)).containsExactly("1");

        MigrationCommands noSeed = commands(app().load(),
                new DatabaseSetup(this.database.dataSource(), new DefaultResourceLoader(), "classpath:no/such/seed.json"));
        assertThat(run(noSeed, "db:seed")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(this.err.toString()).contains("No seed data at classpath:no/such/seed.json. Nothing was changed.");
    }

    private List<String> catalog() throws SQLException {
        return rows("select table_name from information_schema.tables where table_schema = 'public' order by 1");
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = this.database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = this.database.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
