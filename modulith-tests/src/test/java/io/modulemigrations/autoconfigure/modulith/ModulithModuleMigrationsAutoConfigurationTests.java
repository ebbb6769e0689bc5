package io.modulemigrations.autoconfigure.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.modulith.chain.ChainApplication;
import io.modulemigrations.modulith.clash.ClashApplication;
import io.modulemigrations.modulith.cycle.CycleApplication;
import io.modulemigrations.modulith.fixture.ModulithFixtureApplication;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ModuleTestExecution;

/** What the Spring Modulith integration derives, and when it stays out of the way. Loads engines; migrates nothing. */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class ModulithModuleMigrationsAutoConfigurationTests {

    private ApplicationContextRunner application;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.application = new ApplicationContextRunner()
                .withUserConfiguration(ModulithFixtureApplication.class)
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password());
    }

    @Test
    void dependsOnComesFromSpringModulith() {
        application.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ModulithModuleMigrationsCustomizer.class);
            assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("order")).containsExactly("inventory");
        });
    }

    @Test
    void configuredDependsOnReplacesTheDerivedOne() {
        application.withPropertyValues("module-migrations.modules.order.depends-on=")
                .run(context -> assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("order")).isEmpty());
    }

    @Test
    void switchedOffByProperty() {
        application.withPropertyValues("module-migrations.modulith.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ModulithModuleMigrationsCustomizer.class);
            assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("order")).isEmpty();
        });
    }

    @Test
    void withoutSpringModulithNothingChanges() {
        application.withClassLoader(new FilteredClassLoader(ApplicationModules.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ModulithModuleMigrationsCustomizer.class);
            assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("order")).isEmpty();
        });
    }

    @Test
    void moduleThatIsNoApplicationModuleKeepsItsMigrationsAndIsNamedInAWarning(CapturedOutput output) {
        application.withPropertyValues("module-migrations.locations=classpath:db/migrations,classpath:legacy-migrations")
                .run(context -> {
                    ModuleMigrations migrations = context.getBean(ModuleMigrations.class);
                    assertThat(migrations.modules()).containsExactly("inventory", "legacy", "order");
                    assertThat(migrations.graph().dependenciesOf("legacy")).isEmpty();
                    assertThat(migrations.graph().dependenciesOf("order")).containsExactly("inventory");
                });
        assertThat(output).contains("Module(s) [legacy] have migrations but are no Spring Modulith application module");
    }

    @Test
    void configuringTheOtherModuleSilencesTheWarning(CapturedOutput output) {
        application.withPropertyValues("module-migrations.locations=classpath:db/migrations,classpath:legacy-migrations",
                        "module-migrations.modules.legacy.depends-on=inventory")
                .run(context -> assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("legacy"))
                        .containsExactly("inventory"));
        assertThat(output).doesNotContain("are no Spring Modulith application module");
    }

    @Test
    void dependsOnLooksThroughApplicationModulesWithoutMigrations(TestDatabase database) {
        runner(database, ChainApplication.class, "classpath:chain-migrations").run(context -> {
                    ModuleMigrations migrations = context.getBean(ModuleMigrations.class);
                    assertThat(migrations.modules()).containsExactly("shipping", "warehouse");
                    assertThat(migrations.graph().dependenciesOf("shipping")).containsExactly("warehouse");
                    assertThat(migrations.graph().order()).containsExactly("warehouse", "shipping");
                });
    }

    /** The application modules are read when the migrations are discovered: here by the migrations that run as the context starts. */
    @Test
    void applicationModulesInACycleStopStartupNamingTheCycleAndTheRemedy(TestDatabase database) {
        runner(database, CycleApplication.class, "classpath:cycle-migrations").withPropertyValues("module-migrations.run-on=initialization")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Spring Modulith's module dependencies give no migration order")
                        .hasMessageContaining("billing -> invoice -> billing")
                        .hasMessageContaining("module-migrations.modules.<module>.depends-on"));
    }

    @Test
    void aCycleIsBrokenByConfiguringOneOfItsModules(TestDatabase database) {
        runner(database, CycleApplication.class, "classpath:cycle-migrations")
                .withPropertyValues("module-migrations.modules.billing.depends-on=")
                .run(context -> assertThat(context.getBean(ModuleMigrations.class).graph().order()).containsExactly("billing", "invoice"));
    }

    @Test
    void twoIdentifiersMappingToOneNameStopStartupNamingBoth(TestDatabase database) {
        runner(database, ClashApplication.class, "classpath:clash-migrations").withPropertyValues("module-migrations.run-on=initialization")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("both map to migration module 'order_items'")
                        .hasMessageContaining("order-items").hasMessageContaining("'order_items'"));
    }

    private static ApplicationContextRunner runner(TestDatabase database, Class<?> application, String locations) {
        return new ApplicationContextRunner()
                .withUserConfiguration(application)
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                        "spring.datasource.password=" + database.password(), "module-migrations.locations=" + locations);
    }

    @Test
    void inAModuleTestModulesOutsideSpringModulithAreLoadedWithTheStartedOnes() {
        application.withPropertyValues("module-migrations.locations=classpath:db/migrations,classpath:legacy-migrations")
                .withBean(ModuleTestExecution.class, () -> ModuleTestExecution.of(InventoryModuleTest.class).get())
                .run(context -> assertThat(context.getBean(ModuleMigrations.class).modules()).containsExactly("inventory", "legacy"));
    }

    @ApplicationModuleTest(module = "inventory", classes = ModulithFixtureApplication.class)
    static final class InventoryModuleTest {
    }

    @Test
    void withoutASpringBootApplicationNothingIsDerived(TestDatabase database) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class,
                        ModulithModuleMigrationsAutoConfiguration.class))
                .withBean(DataSource.class, database::dataSource)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ModulithModuleMigrationsCustomizer.class);
                    assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("order")).isEmpty();
                });
    }
}
