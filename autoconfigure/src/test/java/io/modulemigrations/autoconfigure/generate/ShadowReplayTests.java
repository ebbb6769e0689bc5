package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.modulemigrations.MigrationException;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.generate.conflict.blog.ProductMirror;
import io.modulemigrations.autoconfigure.generate.fixtures.GenerateFixtureApplication;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Author;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Post;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Current and target states on a shadow database, and which module owns which table. */
@PostgresTest
class ShadowReplayTests {

    private static final int[] PG18 = {18, 0};

    /** blog's migrations have author only; product's are a Java migration; product depends on nothing. */
    private static ModuleMigrations application(TestDatabase app) {
        Migration productTable = new Migration() {
            @Override
            public void up(MigrationContext m) {
                m.sql("create table product (id varchar(255) primary key, price numeric(38,2))");
            }

            @Override
            public void down(MigrationContext m) {
                m.sql("drop table product");
            }
        };
        return ModuleMigrations.configure().dataSource(app.dataSource()).locations()
                .sqlMigration("blog", "Migration202501010000", "-- migrate:up\ncreate sequence author_ids start with 1 increment by 10;\n"
                        + "create table author (id bigint primary key, display_name varchar(100) not null);\n"
                        + "-- migrate:down\ndrop table author;\ndrop sequence author_ids;\n")
                .javaMigration("product", "Migration202501010000", productTable)
                .load();
    }

    @Test
    void currentStateSaysWhichModuleCreatedEachTableAndTargetStateAddsTheModulesEntities(TestDatabase app) {
        ModuleMigrations migrations = application(app);
        ShadowReplay replay = new ShadowReplay(migrations, null, "module_migrations");
        ModuleEntities entities = ModuleEntities.of(List.of(Author.class, Post.class, Product.class),
                GenerateFixtureApplication.class.getPackageName(), Map.of());
        try (ShadowDatabase shadow = ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), null);
                EntityMapping mapping = EntityMapping.of(JpaSettings.resolve(new MockEnvironment(), null, null, List.of()),
                        entities.all(), PG18, "public")) {
            Map<Relation, String> owners = replay.current(shadow);
            assertThat(owners).containsOnly(Map.entry(new Relation("public", "author"), "blog"),
                    Map.entry(new Relation("public", "author_ids"), "blog"), Map.entry(new Relation("public", "product"), "product"));

            Set<Relation> blog = ModuleTables.of("blog", entities, mapping, owners, List.of());
            assertThat(blog).extracting(Relation::toString).containsExactly("author", "author_ids", "post", "post_seq");

            shadow.reset();
            replay.target(shadow, "blog", mapping.createStatements(blog::contains));
            assertThat(Sql.rows(shadow.dataSource(), "select relname from pg_class where relkind in ('r', 'S')"
                    + " and relnamespace = 'public'::regnamespace order by 1"))
                    .containsExactly("author", "author_ids", "module_migrations", "module_migrations_checks", "module_migrations_progress",
                            "post", "post_seq", "product");
            assertThat(Sql.rows(shadow.dataSource(), "select module from module_migrations order by 1")).containsExactly("blog", "product");
            assertThat(Sql.rows(shadow.dataSource(), "select confrelid::regclass::text from pg_constraint where contype = 'f'"
                    + " and conrelid = 'post'::regclass order by 1")).containsExactly("author", "product");
        }
        assertThat(Sql.rows(app.dataSource(), "select relname from pg_class where relname in ('author', 'product', 'module_migrations')")).isEmpty();
    }

    @Test
    void anEntityMappingAnotherModulesTableIsRefusedNamingEntityTableAndOwner(TestDatabase app) {
        ShadowReplay replay = new ShadowReplay(application(app), null, "module_migrations");
        ModuleEntities entities = ModuleEntities.of(List.of(ProductMirror.class), ProductMirror.class.getPackageName()
                .replace(".blog", ""), Map.of());
        try (ShadowDatabase shadow = ShadowDatabase.open(app.jdbcUrl(), app.user(), app.password(), null);
                EntityMapping mapping = EntityMapping.of(JpaSettings.resolve(new MockEnvironment(), null, null, List.of()),
                        entities.all(), PG18, "public")) {
            Map<Relation, String> owners = replay.current(shadow);
            assertThatExceptionOfType(MigrationException.class)
                    .isThrownBy(() -> ModuleTables.of("blog", entities, mapping, owners, List.of()))
                    .withMessageStartingWith("Entity " + ProductMirror.class.getName() + " of module blog maps product, which module"
                            + " product owns (its migrations created it). Nothing was generated.");
        }
    }
}
