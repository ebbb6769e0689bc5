package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.RollbackOptions;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Author;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * A module that has entities but no migrations yet: db:generate writes its first migration, which
 * db:migrate applies so that Hibernate validates the schema, and which rolls back to the state before.
 * The same migration as a Java class compiles and gives the same schema.
 */
@PostgresTest
class EntityOnlyModuleTests {

    private static final List<Class<?>> ENTITIES = List.of(Author.class, Product.class);

    @TempDir
    Path project;

    @Test
    void firstMigrationFromEntitiesIsAppliedValidatedAndRolledBack(TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, Map.of("product", GenerateScenario.PRODUCT_UP))
                .entities(ENTITIES);
        scenario.engine(app).migrate();
        List<String> before = GenerateScenario.catalog(app);

        assertThat(scenario.run("db:generate", "blog", "--name", "Authors")).as(scenario.err.toString()).isZero();
        assertThat(scenario.out.toString()).contains("blog: Migration", "  create sequence author_ids\n", "  create table author\n");
        assertThat(scenario.files()).singleElement().asString().matches("blog/Migration\\d{14}_Authors\\.sql");

        assertThat(scenario.run("db:migrate")).as(scenario.err.toString()).isZero();
        assertThat(scenario.out.toString()).containsPattern("Applied blog/Migration\\d{14}_Authors");
        validateWithHibernate(app);

        assertThat(scenario.run("db:rollback", "blog")).as(scenario.err.toString()).isZero();
        assertThat(GenerateScenario.catalog(app)).isEqualTo(before);
    }

    @Test
    void javaMigrationCompilesAndGivesTheSameSchemaAsTheSqlOne(PostgresServer server, TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project, Map.of("product", GenerateScenario.PRODUCT_UP))
                .entities(ENTITIES);
        assertThat(scenario.run("db:generate", "blog", "--java", "--name", "Authors")).as(scenario.err.toString()).isZero();
        Path javaRoot = this.project.resolve("src/main/java");
        Path source;
        try (var walk = Files.walk(javaRoot)) {
            source = walk.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        assertThat(javaRoot.relativize(source).toString())
                .matches("io/modulemigrations/autoconfigure/generate/fixtures/blog/migrations/Migration\\d{14}_Authors\\.java");
        assertThat(scenario.out.toString()).contains("Wrote " + source);
        String text = Files.readString(source);
        assertThat(text).contains("@ModuleMigration(\"blog\")", "m.sql(\"create sequence author_ids");

        Path classes = Files.createDirectories(this.project.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString()), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();

        assertThat(scenario.run("db:generate", "blog", "--name", "Authors")).as(scenario.err.toString()).isZero();
        try (TestDatabase viaSql = server.createDatabase("via_sql"); TestDatabase viaJava = server.createDatabase("via_java");
                URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            scenario.engine(viaSql).migrate();
            String className = javaRoot.relativize(source).toString().replace('/', '.').replace(".java", "");
            Migration migration = (Migration) loader.loadClass(className).getConstructor().newInstance();
            ModuleMigrations.configure().dataSource(viaJava.dataSource()).locations()
                    .sqlMigration("product", "Migration202501010000", "-- migrate:up\n" + GenerateScenario.PRODUCT_UP + "-- migrate:down\ndrop table product;\n")
                    .javaMigrations(migration).load().migrate();
            assertThat(Sql.rows(viaJava.dataSource(), "select module || '/' || name from module_migrations order by 1"))
                    .hasSize(2).first().asString().matches("blog/Migration\\d{14}_Authors");
            assertThat(GenerateScenario.catalog(viaJava)).isEqualTo(GenerateScenario.catalog(viaSql))
                    .anyMatch(line -> line.contains("author"));
            ModuleMigrations.configure().dataSource(viaJava.dataSource()).locations().javaMigrations(migration).load()
                    .rollback(List.of("blog"), RollbackOptions.latestBatch());
            assertThat(Sql.rows(viaJava.dataSource(), "select relname from pg_class where relname in ('author', 'author_ids')")).isEmpty();
        }
    }

    /** Starts Hibernate on the database with ddl-auto=validate, as the application would. */
    private static void validateWithHibernate(TestDatabase database) {
        Map<String, Object> settings = new HashMap<>(JpaSettings.resolve(new MockEnvironment(), null, null, List.of()));
        settings.put("hibernate.connection.url", database.jdbcUrl());
        settings.put("hibernate.connection.username", database.user());
        if (database.password() != null) {
            settings.put("hibernate.connection.password", database.password());
        }
        settings.put("hibernate.hbm2ddl.auto", "validate");
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            ENTITIES.forEach(sources::addAnnotatedClass);
            sources.buildMetadata().buildSessionFactory().close();
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
