package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.command.DatabaseSetup;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.generate.fixtures.GenerateFixtureApplication;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Author;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Post;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
import io.modulemigrations.catalog.CatalogScope;
import io.modulemigrations.catalog.CatalogSnapshot;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * An application for db:generate tests: the fixture entities (blog: Author, Post; product: Product),
 * migrations given as SQL text, SQL files under an output folder, and the db:* commands over them.
 */
final class GenerateScenario {

    /** blog's tables exactly as Hibernate creates them for the fixture entities. */
    static final String BLOG_UP = """
            create sequence author_ids start with 1 increment by 10;
            create sequence post_seq start with 1 increment by 50;
            create table author (id bigint not null, display_name varchar(100) not null, primary key (id));
            create table post (id bigint not null, published_at timestamp(6) with time zone, slug varchar(200) unique,
                status varchar(255) check ((status in ('DRAFT','PUBLISHED'))), title varchar(255), author_id bigint not null,
                featured_product_id varchar(255), primary key (id));
            create index post_published_at_idx on post (published_at);
            alter table post add constraint FK5l759v7apba3lqguc7bp8h456 foreign key (author_id) references author;
            alter table post add constraint FK17c3bhiineeg8ahqulo21f2a3 foreign key (featured_product_id) references product;
            """;

    static final String BLOG_DOWN = """
            drop table if exists post;
            drop table if exists author;
            drop sequence if exists post_seq;
            drop sequence if exists author_ids;
            """;

    static final String PRODUCT_UP = "create table product (id varchar(255) not null, price numeric(38,2), primary key (id));\n";

    static final List<Class<?>> ENTITIES = List.of(Author.class, Post.class, Product.class);

    private final TestDatabase app;
    private final Path outputDir;
    private final Map<String, String> migrations;
    private List<Class<?>> entities = ENTITIES;
    private EntityModel.Factory models = GenerateScenario::hibernate;
    private String applicationPackage = GenerateFixtureApplication.class.getPackageName();
    private String shadowUrl;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /**
     * @param migrations module to the up SQL of its one migration (Migration202501010000), whose down drops
     *                   what blog or product creates
     */
    GenerateScenario(TestDatabase app, Path projectDir, Map<String, String> migrations) {
        this.app = app;
        this.outputDir = projectDir.resolve("src/main/resources/db/migrations");
        this.migrations = migrations;
    }

    GenerateScenario entities(List<Class<?>> entities) {
        this.entities = entities;
        return this;
    }

    GenerateScenario applicationPackage(String applicationPackage) {
        this.applicationPackage = applicationPackage;
        return this;
    }

    GenerateScenario shadowUrl(String shadowUrl) {
        this.shadowUrl = shadowUrl;
        return this;
    }

    GenerateScenario models(EntityModel.Factory models) {
        this.models = models;
        return this;
    }

    static EntityModel hibernate(java.util.Collection<Class<?>> classes, int[] version, String schema) {
        return EntityMapping.of(JpaSettings.resolve(new MockEnvironment(), null, null, List.of()), classes, version, schema);
    }

    Path outputDir() {
        return this.outputDir;
    }

    /** The engine: the given migrations, and whatever SQL files the output folder holds; blog after product. */
    ModuleMigrations engine(TestDatabase database) {
        FluentConfiguration configuration = ModuleMigrations.configure().dataSource(database.dataSource())
                .locations("filesystem:" + this.outputDir);
        this.migrations.forEach((module, up) -> configuration.sqlMigration(module, "Migration202501010000",
                "-- migrate:up\n" + up + "-- migrate:down\n" + ("blog".equals(module) ? BLOG_DOWN : "drop table product;\n")));
        if (this.migrations.containsKey("blog")) {
            configuration.dependsOn("blog", "product");
        }
        return configuration.load();
    }

    MigrationCommands commands() {
        ModuleMigrations engine = engine(this.app);
        MigrationGenerator generator = new MigrationGenerator(engine,
                ModuleEntities.of(this.entities, this.applicationPackage, Map.of()), List.of(),
                this.models, () -> ShadowDatabase.open(this.app.jdbcUrl(), this.app.user(), this.app.password(), this.shadowUrl),
                null, "module_migrations");
        return new MigrationCommands(engine, MigrateOptions.defaults(),
                new DatabaseSetup(this.app.dataSource(), new DefaultResourceLoader(), "classpath:db/seed.json"), () -> generator,
                this.outputDir);
    }

    int run(String... args) {
        this.out.getBuffer().setLength(0);
        this.err.getBuffer().setLength(0);
        return commands().run(List.of(args), new PrintWriter(this.out), new PrintWriter(this.err));
    }

    /** The files written under the output folder, relative to it. */
    List<String> files() throws java.io.IOException {
        List<String> files = new ArrayList<>();
        if (java.nio.file.Files.exists(this.outputDir)) {
            try (var walk = java.nio.file.Files.walk(this.outputDir)) {
                walk.filter(java.nio.file.Files::isRegularFile).forEach(p -> files.add(this.outputDir.relativize(p).toString()));
            }
        }
        return files;
    }

    /** The whole current schema of a database, as catalog lines. */
    static List<String> catalog(TestDatabase database) {
        try (Connection c = database.connect()) {
            return CatalogSnapshot.read(c, CatalogScope.currentSchema()).lines();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
