package io.modulemigrations.autoconfigure.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.ModuleMigrationsConfigurationCustomizer;
import io.modulemigrations.autoconfigure.fixtures.FixtureApplication;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/** This module's tests run without Spring Modulith (see its pom): an application without it is left as it was. */
@PostgresTest
class WithoutModulithTests {

    @Test
    void springModulithIsNotOnTheTestClasspath() {
        assertThat(ClassUtils.isPresent("org.springframework.modulith.core.ApplicationModules", null)).isFalse();
    }

    @Test
    void anApplicationWithoutSpringModulithGetsNoModulithCustomizer(TestDatabase database) {
        new ApplicationContextRunner()
                .withUserConfiguration(FixtureApplication.class)
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password())
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean(ModulithModuleMigrationsAutoConfiguration.class)
                            .doesNotHaveBean(ModuleMigrationsConfigurationCustomizer.class);
                    ModuleMigrations migrations = context.getBean(ModuleMigrations.class);
                    assertThat(migrations.modules()).containsExactly("blog", "shop");
                    assertThat(migrations.graph().dependenciesOf("blog")).isEmpty();
                    assertThat(migrations.graph().dependenciesOf("shop")).isEmpty();
                });
    }
}
