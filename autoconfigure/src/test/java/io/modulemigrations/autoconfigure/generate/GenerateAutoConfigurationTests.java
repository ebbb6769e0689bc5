package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.generate.fixtures.GenerateFixtureApplication;
import io.modulemigrations.autoconfigure.generate.fixtures.Setting;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Post;
import io.modulemigrations.autoconfigure.generate.fixtures.shared.brand.Brand;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** db:generate in a Spring Boot application: entities found as Boot's JPA set-up finds them, settings, wiring. */
@PostgresTest
class GenerateAutoConfigurationTests {

    @TempDir
    Path project;

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class))
                .withUserConfiguration(FixturePackages.class)
                .withBean(DataSource.class, database::dataSource)
                .withPropertyValues("module-migrations.run-on-startup=false",
                        "module-migrations.locations=filesystem:" + this.project.resolve("src/main/resources/db/migrations"),
                        "module-migrations.generate.output-dir=" + this.project.resolve("src/main/resources/db/migrations"));
    }

    @Test
    void entitiesOfTheApplicationsPackagesByModuleWithPackagesOverride() {
        this.runner.withPropertyValues("module-migrations.modules.brand.packages=" + Brand.class.getPackageName())
                .run(context -> {
                    MigrationGenerator generator = context.getBean(MigrationGenerator.class);
                    assertThat(generator.modules()).containsExactly("blog", "brand", "product");
                    assertThat(generator.entities().entities("blog")).contains(Post.class);
                    assertThat(generator.entities().unassigned()).containsExactly(Setting.class);
                    assertThat(generator.entities().packageOf("blog")).isEqualTo(Post.class.getPackageName());
                    assertThat(generator.entities().packageOf("brand")).isEqualTo(Brand.class.getPackageName());
                });
    }

    @Test
    void generateThroughTheCommandsBean() {
        this.runner.run(context -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            MigrationCommands commands = context.getBean(MigrationCommands.class);
            assertThat(commands.run(List.of("db:generate", "foo"), new PrintWriter(out), new PrintWriter(err)))
                    .isEqualTo(MigrationCommands.USAGE);
            assertThat(err.toString()).isEqualTo("Cannot generate migrations for unknown module(s): foo."
                    + " Available modules: blog, product, shared\n");
            assertThat(commands.run(List.of("db:generate", "product", "--dry-run"), new PrintWriter(out), new PrintWriter(err)))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("product: Migration").contains("  create table product\n",
                    "create table product (\n", "Dry run: nothing was written.");
        });
    }

    @Test
    void namingAndSpringJpaPropertiesOfTheApplicationApply() {
        this.runner.withPropertyValues("spring.jpa.hibernate.naming.physical-strategy=" + PhysicalNamingStrategyStandardImpl.class.getName(),
                "spring.jpa.properties.hibernate.globally_quoted_identifiers=true")
                .run(context -> {
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    assertThat(context.getBean(MigrationCommands.class).run(List.of("db:generate", "product", "--dry-run"),
                            new PrintWriter(out), new PrintWriter(err))).as(err.toString()).isZero();
                    assertThat(out.toString()).contains("  create table Product\n", "create table \"Product\" (\n");
                });
    }

    @Test
    void withoutHibernateOnlyEmptyMigrationsCanBeWritten() {
        this.runner.withClassLoader(new FilteredClassLoader("org.hibernate")).run(context -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            MigrationCommands commands = context.getBean(MigrationCommands.class);
            assertThat(commands.run(List.of("db:generate", "blog"), new PrintWriter(out), new PrintWriter(err)))
                    .isEqualTo(MigrationCommands.FAILURE);
            assertThat(err.toString()).contains("reads JPA entities with Hibernate, which is not on the classpath; nothing was generated");
            assertThat(commands.run(List.of("db:generate", "blog", "--empty", "--dry-run"), new PrintWriter(out), new PrintWriter(err)))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("-- migrate:up\n\n-- migrate:down\n");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = GenerateFixtureApplication.class)
    static class FixturePackages {
    }
}
