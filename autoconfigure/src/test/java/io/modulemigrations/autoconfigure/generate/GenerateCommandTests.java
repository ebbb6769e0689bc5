package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.generate.conflict.blog.ProductMirror;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
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
    void emptyMigrationIsAcceptedByMigrate(TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, MATCHING);
        assertThat(scenario.run("db:generate", "blog", "--empty", "--name", "Backfill")).as(scenario.err.toString()).isZero();
        assertThat(scenario.files()).singleElement().asString().matches("blog/Migration\\d{14}_Backfill\\.sql");
        assertThat(Files.readString(scenario.outputDir().resolve(scenario.files().get(0)))).isEqualTo("-- migrate:up\n\n-- migrate:down\n\n");
        assertThat(scenario.run("db:migrate")).as(scenario.err.toString()).isZero();
        assertThat(scenario.out.toString()).containsPattern("Applied blog/Migration\\d{14}_Backfill");
    }

}
