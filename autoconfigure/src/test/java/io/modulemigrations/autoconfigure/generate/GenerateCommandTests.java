package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.generate.conflict.blog.ProductMirror;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** db:generate end to end against a real PostgreSQL: what it prints, writes and leaves behind. */
@PostgresTest
class GenerateCommandTests {

    @TempDir
    Path project;

    private static final Map<String, String> MATCHING = Map.of("product", GenerateScenario.PRODUCT_UP, "blog", GenerateScenario.BLOG_UP);

    @Test
    void entitiesMatchingTheMigrationsMeanNoChangesNoFileAndTheApplicationsDatabaseUntouched(TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, MATCHING);
        scenario.engine(app).migrate();
        List<String> catalogBefore = GenerateScenario.catalog(app);
        List<String> historyBefore = Sql.rows(app.dataSource(), "select module, name, batch, checksum from module_migrations order by 1, 2");

        assertThat(scenario.run("db:generate", "blog", "product")).as(scenario.err.toString()).isZero();
        assertThat(scenario.out.toString()).isEqualTo("blog: no changes\nproduct: no changes\n");
        assertThat(scenario.files()).isEmpty();

        assertThat(GenerateScenario.catalog(app)).isEqualTo(catalogBefore);
        assertThat(Sql.rows(app.dataSource(), "select module, name, batch, checksum from module_migrations order by 1, 2"))
                .isEqualTo(historyBefore);
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
    }

    @Test
    void oneFilePerChangedModuleOnAConfiguredShadowDatabase(PostgresServer server, TestDatabase app) throws Exception {
        String changed = GenerateScenario.BLOG_UP.replace("title varchar(255), ", "");
        try (TestDatabase scratch = server.createDatabase("scratch")) {
            GenerateScenario scenario = new GenerateScenario(app, this.project, Map.of("product", GenerateScenario.PRODUCT_UP, "blog", changed))
                    .shadowUrl(scratch.jdbcUrl());
            assertThat(scenario.run("db:generate", "product", "blog")).as(scenario.err.toString()).isZero();
            assertThat(scenario.out.toString()).startsWith("product: no changes\nblog: Migration").contains("  add column post.title\n");
            assertThat(scenario.files()).singleElement().asString().startsWith("blog/");
            // the configured shadow database was used (and kept), no temporary one was created
            assertThat(Sql.rows(scratch.dataSource(), "select 1 from pg_class where relname = 'post'")).hasSize(1);
            assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
        }
    }

    @Test
    void unknownModuleIsBadUsageWithTheExactMessage(TestDatabase app) {
        GenerateScenario scenario = new GenerateScenario(app, this.project, MATCHING);
        assertThat(scenario.run("db:generate", "foo", "blog")).isEqualTo(MigrationCommands.USAGE);
        assertThat(scenario.err.toString()).isEqualTo("Cannot generate migrations for unknown module(s): foo. Available modules: blog, product\n");
    }

    @Test
    void anEntityMappingAnotherModulesTableIsRefused(TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, Map.of("product", GenerateScenario.PRODUCT_UP))
                .entities(List.of(ProductMirror.class, Product.class))
                .applicationPackage(ProductMirror.class.getPackageName().replace(".blog", ""));
        assertThat(scenario.run("db:generate", "blog")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(scenario.err.toString()).startsWith("Entity " + ProductMirror.class.getName()
                + " of module blog maps product, which module product owns (its migrations created it). Nothing was generated.");
        assertThat(scenario.files()).isEmpty();
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
    }

    @Test
    void failureMidwayLeavesNoShadowDatabaseAndNoFile(TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, MATCHING).models((classes, version, schema) -> {
            throw new IllegalStateException("mapping exploded");
        });
        try {
            scenario.run("db:generate", "blog");
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage("mapping exploded");
        }
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
        assertThat(scenario.files()).isEmpty();
    }

    @Test
    void reviewerReadableFileForAnAddedColumnAndAColumnDroppedWhileAnotherIsAdded(TestDatabase app) throws Exception {
        String renamed = GenerateScenario.BLOG_UP.replace("title varchar(255), ", "headline varchar(255), ");
        GenerateScenario scenario = new GenerateScenario(app, this.project, Map.of("product", GenerateScenario.PRODUCT_UP, "blog", renamed));
        assertThat(scenario.run("db:generate", "blog", "--dry-run")).as(scenario.err.toString()).isZero();
        String out = scenario.out.toString();
        assertThat(out).containsPattern("blog: Migration\\d{14}\n  drop column post.headline\n  add column post.title\n")
                .contains("UNSAFE steps (marked -- UNSAFE: in the file):\n    drop column post.headline: drops column post.headline and its values\n")
                .contains("Note: A rename cannot be told from a drop and an add")
                .contains("-- Generated by db:generate from blog's entities; up, down and up again were proven on a shadow database.\n"
                        + "-- A rename cannot be told from a drop and an add: a renamed table or column appears as dropped and added,"
                        + " losing its data. If you renamed, edit this migration to use alter table ... rename instead.\n"
                        + "-- migrate:up\n"
                        + "-- UNSAFE: drops column post.headline and its values\n"
                        + "alter table post drop column headline;\n"
                        + "alter table post add column title varchar(255);\n"
                        + "-- migrate:down\n"
                        + "-- UNSAFE: drops column post.title and its values\n"
                        + "alter table post drop column title;\n"
                        + "alter table post add column headline varchar(255);\n")
                .endsWith("Dry run: nothing was written.\n");
        assertThat(scenario.files()).isEmpty();
    }

    @Test
    void aFailedProofWritesNothingAndShowsTheDifferingCatalogLines(TestDatabase app) throws Exception {
        // A migration that is not the same twice: each replay gives legacy another default, so the down written from the
        // first replay does not give back the second one, and the proof says so.
        String unstable = GenerateScenario.BLOG_UP + "do $$ begin execute 'alter table author add column legacy integer default '"
                + " || (floor(random() * 1000000000))::bigint; end $$;\n";
        GenerateScenario scenario = new GenerateScenario(app, this.project, Map.of("product", GenerateScenario.PRODUCT_UP, "blog", unstable));
        assertThat(scenario.run("db:generate", "blog")).isEqualTo(MigrationCommands.FAILURE);
        assertThat(scenario.err.toString())
                .startsWith("blog: the generated migration failed its proof on the shadow database, so nothing was written."
                        + " down ran, but the tables differ from the state before up:\n- table author column legacy")
                .containsPattern("\n\\+ table author column legacy integer .*default \\d+")
                .contains("Generated up:\n-- UNSAFE: drops column author.legacy and its values\nalter table author drop column legacy;");
        assertThat(scenario.out.toString()).isEmpty();
        assertThat(scenario.files()).isEmpty();
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
    }

    @Test
    void emptyMigrationIsAcceptedByMigrate(TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, MATCHING);
        assertThat(scenario.run("db:generate", "blog", "--empty", "--name", "Backfill")).as(scenario.err.toString()).isZero();
        assertThat(scenario.files()).singleElement().asString().matches("blog/Migration\\d{14}_Backfill\\.sql");
        assertThat(Files.readString(scenario.outputDir().resolve(scenario.files().get(0)))).isEqualTo("-- migrate:up\n\n-- migrate:down\n\n");
        assertThat(scenario.run("db:migrate")).as(scenario.err.toString()).isZero();
        assertThat(scenario.out.toString()).containsPattern("Applied blog/Migration\\d{14}_Backfill");
    }

}
