package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.fixtures.FixtureApplication;
import io.modulemigrations.autoconfigure.fixtures.FixtureApplication.TableNames;
import io.modulemigrations.migration.Migration;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/** What an AOT-processed application gets from Module Migrations to find and run its migrations. */
class ModuleMigrationsRuntimeHintsTests {

    @Test
    void registrarCoversTheDefaultLocationsAndMigrationsUpAndDown() {
        RuntimeHints hints = new RuntimeHints();
        new ModuleMigrationsRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/blog/Migration202507021100.sql")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("db/seed.json")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("db/other/Migration202507021100.sql")).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Migration.class, "up")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Migration.class, "down")).accepts(hints);
    }

    @Test
    void aotProcessingOfTheAutoConfigurationRegistersTheHintsAndEachMigrationBeansUpAndDown() {
        RuntimeHints hints = processAheadOfTime();
        assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/blog/Migration202507021100.sql")).accepts(hints);
        for (Class<?> migration : new Class<?>[] { io.modulemigrations.autoconfigure.fixtures.blog.Migration202507021059.class,
                io.modulemigrations.autoconfigure.fixtures.shop.Migration202507021059.class }) {
            assertThat(RuntimeHintsPredicates.reflection().onType(migration)).accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(migration, "up")).accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(migration, "down")).accepts(hints);
        }
    }

    // Build-time processing only: conditions are evaluated and code generated, no bean is created and nothing connects.
    private static RuntimeHints processAheadOfTime() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of("module-migrations.url=jdbc:postgresql://localhost/aot-build").applyTo(context);
            context.register(FixturePackages.class, ModuleMigrationsAutoConfiguration.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("io.modulemigrations.aot", "Test")), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            return generation.getRuntimeHints();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = FixtureApplication.class)
    static class FixturePackages {

        @Bean
        TableNames tableNames() {
            return new TableNames("author");
        }
    }
}
