package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.actuate.MigrationMetrics;
import io.modulemigrations.autoconfigure.actuate.MigrationsEndpoint;
import io.modulemigrations.autoconfigure.actuate.MigrationsEndpointAutoConfiguration;
import io.modulemigrations.autoconfigure.actuate.MigrationsEndpointWebExtension;
import io.modulemigrations.autoconfigure.actuate.MigrationsHealthContributorAutoConfiguration;
import io.modulemigrations.autoconfigure.actuate.MigrationsHealthIndicator;
import io.modulemigrations.autoconfigure.actuate.MigrationsMetricsAutoConfiguration;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.command.ShellMigrationCommand;
import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;
import io.modulemigrations.script.ScriptOutcome;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@PostgresTest
class ModuleMigrationsAutoConfigurationTests {

    private ApplicationContextRunner runner;
    private TestDatabase database;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.database = database;
        // An application without JPA: startup migrations run when it is ready (see StartupMigrationTests for JPA).
        this.runner = new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader(EntityManagerFactory.class))
                .withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class,
                        MigrationsEndpointAutoConfiguration.class, MigrationsHealthContributorAutoConfiguration.class,
                        MigrationsMetricsAutoConfiguration.class))
                .withUserConfiguration(FixturePackages.class);
    }

    private ApplicationContextRunner withDataSource() {
        return this.runner.withBean(DataSource.class, this.database::dataSource);
    }

    @Test
    void backsOffWithoutDataSource() {
        this.runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ModuleMigrations.class)
                .doesNotHaveBean(MigrationRunner.class)
                .doesNotHaveBean(MigrationCommands.class)
                .doesNotHaveBean(ModuleMigrationsProperties.class)
                .doesNotHaveBean("moduleMigration.blog.Migration202507021059"));
    }

    @Test
    void backsOffWhenDisabled() {
        withDataSource().withPropertyValues("module-migrations.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ModuleMigrations.class)
                        .doesNotHaveBean(MigrationRunner.class)
                        .doesNotHaveBean(MigrationsHealthIndicator.class)
                        .doesNotHaveBean(MigrationMetrics.class));
    }

    @Test
    void registersMigrationsAsBeansWhoseNamesDoNotCollideAcrossModules() {
        withDataSource().run(context -> {
            assertThat(context).hasBean("moduleMigration.blog.Migration202507021059")
                    .hasBean("moduleMigration.shop.Migration202507021059");
            ModuleMigrations migrations = context.getBean(ModuleMigrations.class);
            assertThat(migrations.modules()).containsExactly("blog", "shop");
            assertThat(migrations.migrations("blog")).extracting(m -> m.name())
                    .containsExactly("Migration202507021059", "Migration202507021100");
        });
    }

    @Test
    void startupRunnerRunsOnlyWhenAsked() {
        withDataSource().run(context -> assertThat(context).hasSingleBean(MigrationRunner.class));
        withDataSource().withPropertyValues("module-migrations.run-on-startup=false")
                .run(context -> assertThat(context).doesNotHaveBean(MigrationRunner.class).hasSingleBean(MigrationCommands.class));
    }

    @Test
    void userBeansOverrideOurs() {
        withDataSource().withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context.getBean(ModuleMigrations.class)).isSameAs(context.getBean(UserBeans.class).migrations);
            assertThat(context.getBean(MigrationRunner.class).options().concurrency()).isEqualTo(7);
            assertThat(context.getBean(MigrationsHealthIndicator.class)).isSameAs(context.getBean("migrationsHealthIndicator"));
            assertThat(context).getBeans(MigrationsHealthIndicator.class).hasSize(1);
        });
    }

    @Test
    void bindsEveryProperty() {
        withDataSource().withPropertyValues(
                "module-migrations.run-on-startup=false", "module-migrations.concurrency=3",
                "module-migrations.all-or-nothing=true", "module-migrations.skip-links=true", "module-migrations.links=all",
                "module-migrations.skip-scripts=true", "module-migrations.schema=public", "module-migrations.table=history",
                "module-migrations.locations=classpath:db/migrations,filesystem:/nowhere",
                "module-migrations.lock-wait-timeout=5s", "module-migrations.connect-timeout=2s",
                "module-migrations.lock-timeout=3s", "module-migrations.lock-retries=5", "module-migrations.lint=fail", "module-migrations.statement-timeout=1m",
                "module-migrations.validate-checksums=false", "module-migrations.user=migrator",
                "module-migrations.password=secret", "module-migrations.modules.shop.depends-on=blog",
                "module-migrations.seed-location=classpath:other/seed.json")
                .run(context -> {
                    ModuleMigrationsProperties p = context.getBean(ModuleMigrationsProperties.class);
                    assertThat(p.isRunOnStartup()).isFalse();
                    assertThat(p.getConcurrency()).isEqualTo(3);
                    assertThat(p.isAllOrNothing()).isTrue();
                    assertThat(p.isSkipLinks()).isTrue();
                    assertThat(p.getLinks().name()).isEqualTo("ALL");
                    assertThat(p.isSkipScripts()).isTrue();
                    assertThat(p.getSchema()).isEqualTo("public");
                    assertThat(p.getTable()).isEqualTo("history");
                    assertThat(p.getLocations()).containsExactly("classpath:db/migrations", "filesystem:/nowhere");
                    assertThat(p.getLockWaitTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.getLockTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(p.getLockRetries()).isEqualTo(5);
                    assertThat(p.getLint()).isEqualTo(io.modulemigrations.lint.LintMode.FAIL);
                    assertThat(p.getStatementTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(p.isValidateChecksums()).isFalse();
                    assertThat(p.getUser()).isEqualTo("migrator");
                    assertThat(p.getPassword()).isEqualTo("secret");
                    assertThat(p.getModules().get("shop").getDependsOn()).containsExactly("blog");
                    assertThat(p.getSeedLocation()).isEqualTo("classpath:other/seed.json");
                    assertThat(context.getBean(ModuleMigrations.class).graph().dependenciesOf("shop")).containsExactly("blog");
                });
    }

    @Test
    void linkAndScriptBeansReachTheEngineAndTheirPropertiesTheRuns() {
        withDataSource().withUserConfiguration(LinkAndScript.class)
                .withPropertyValues("module-migrations.links=all", "module-migrations.skip-scripts=true").run(context -> {
                    assertThat(context.getBean(MigrationRunner.class).options()).isEqualTo(MigrateOptions.defaults()
                            .withLinkMode(LinkMode.ALL).withSkipScripts(true));
                    ModuleMigrations migrations = context.getBean(ModuleMigrations.class);
                    assertThat(migrations.planLinks().actions()).extracting(LinkAction::table).containsExactly("blog_post_shop_item");
                    assertThat(migrations.migrateScripts()).extracting(ScriptOutcome::name).containsExactly("backfill");
                    assertThat(migrations.status().scripts())
                            .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("done"));
                });
        withDataSource().withPropertyValues("module-migrations.skip-links=true")
                .run(context -> assertThat(context.getBean(MigrationRunner.class).options().skipLinks()).isTrue());
    }

    @Test
    void defaultsMatchTheDesign() {
        withDataSource().run(context -> {
            ModuleMigrationsProperties p = context.getBean(ModuleMigrationsProperties.class);
            assertThat(p.isEnabled()).isTrue();
            assertThat(p.isRunOnStartup()).isTrue();
            assertThat(p.getLinks().name()).isEqualTo("SAFE");
            assertThat(p.getTable()).isEqualTo("module_migrations");
            assertThat(p.getLocations()).containsExactly("classpath:db/migrations");
            assertThat(p.getLockWaitTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(p.isValidateChecksums()).isTrue();
            assertThat(context.getBean(MigrationRunner.class).options()).isEqualTo(MigrateOptions.defaults());
        });
    }

    @Test
    void concurrencyDefaultsToDbMigrationConcurrency() {
        // DB_MIGRATION_CONCURRENCY is read through the Environment, which holds the process environment.
        withDataSource().withPropertyValues("DB_MIGRATION_CONCURRENCY=4")
                .run(context -> assertThat(context.getBean(MigrationRunner.class).options().concurrency()).isEqualTo(4));
        withDataSource().withPropertyValues("DB_MIGRATION_CONCURRENCY=4", "module-migrations.concurrency=2")
                .run(context -> assertThat(context.getBean(MigrationRunner.class).options().concurrency()).isEqualTo(2));
    }

    @Test
    void urlGivesMigrationsTheirOwnConnectionWithoutAnApplicationDataSource() {
        this.runner.withPropertyValues("module-migrations.url=" + this.database.jdbcUrl(),
                "module-migrations.user=" + this.database.user(), "module-migrations.password=" + this.database.password())
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DataSource.class);
                    assertThat(context.getBean(ModuleMigrations.class).status().modules()).extracting(m -> m.pending().size())
                            .containsExactly(2, 1);
                });
    }

    @Test
    void endpointAppearsOnlyWhenActuatorIsPresentAndTheEndpointExposed() {
        withDataSource().run(context -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
        withDataSource().withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .run(context -> assertThat(context).hasSingleBean(MigrationsEndpoint.class)
                        .hasSingleBean(MigrationsEndpointWebExtension.class));
        withDataSource().withPropertyValues("management.endpoints.web.exposure.include=migrations",
                        "management.endpoint.migrations.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
        withDataSource().withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .withClassLoader(new FilteredClassLoader(Endpoint.class, EntityManagerFactory.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void healthAppearsOnlyWithSpringBootHealthAndWhenEnabled() {
        withDataSource().run(context -> assertThat(context).hasSingleBean(MigrationsHealthIndicator.class));
        withDataSource().withPropertyValues("management.health.migrations.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MigrationsHealthIndicator.class));
        withDataSource().withClassLoader(new FilteredClassLoader(HealthIndicator.class, EntityManagerFactory.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsHealthIndicator.class));
    }

    @Test
    void whatOnlyCommandsUseIsNotCreatedInANormalStart() {
        withDataSource().run(context -> {
            assertThat(context).hasNotFailed();
            // (AssertJ's hasBean would create the bean: ask the bean factory.)
            assertThat(context.getBeanFactory().containsBeanDefinition("migrationGenerator")).isTrue();
            for (String commandOnly : List.of("migrationGenerator", "migrationCommands", "databaseSetup", "dbStatusCommand")) {
                assertThat(context.getBeanFactory().containsSingleton(commandOnly)).as(commandOnly).isFalse();
            }
            // Asked for, the commands work; the generator is still made only when db:generate or db:verify needs it.
            assertThat(context.getBean(MigrationCommands.class).run(List.of("db:status"), new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()))).isEqualTo(MigrationCommands.SUCCESS);
            assertThat(context.getBeanFactory().containsSingleton("migrationGenerator")).isFalse();
            assertThat(context.getBean(MigrationGenerator.class).modules()).contains("blog", "shop");
        });
    }

    @Test
    void shellCommandsAppearOnlyWithSpringShell() {
        withDataSource().run(context -> assertThat(context.getBeansOfType(ShellMigrationCommand.class).values())
                .extracting(ShellMigrationCommand::getName).containsExactlyInAnyOrderElementsOf(MigrationCommands.COMMANDS.keySet()));
        withDataSource().withClassLoader(new FilteredClassLoader("org.springframework.shell", "jakarta.persistence"))
                .withPropertyValues("module-migrations.commands.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ShellMigrationCommand.class)
                        .hasSingleBean(MigrationCommands.class));
    }

    /**
     * A start that can run no command (no db:* argument, no Spring Shell) defines none of what only the
     * commands use, so Spring neither loads nor inspects those classes: a restart pays for none of them.
     */
    @Test
    void withoutSpringShellTheCommandsAreDefinedOnlyWhenTheyCanRun() {
        List<String> commandOnly = List.of("migrationCommands", "databaseSetup", "migrationGenerator", "moduleMigrationsEntityModels");
        ApplicationContextRunner withoutShell = withDataSource().withClassLoader(new FilteredClassLoader("org.springframework.shell"));
        withoutShell.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ModuleMigrations.class);
            for (String name : commandOnly) {
                assertThat(context.getBeanFactory().containsBeanDefinition(name)).as(name).isFalse();
            }
        });
        // What command mode's environment gives a launch with a db:* argument.
        withoutShell.withPropertyValues("module-migrations.commands.enabled=true", "module-migrations.run-on-startup=false").run(context -> {
            assertThat(context).hasNotFailed();
            for (String name : commandOnly) {
                assertThat(context.getBeanFactory().containsBeanDefinition(name)).as(name).isTrue();
            }
            assertThat(context.getBean(MigrationCommands.class).run(List.of("db:status"), new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()))).isEqualTo(MigrationCommands.SUCCESS);
        });
        // Spring Shell on the classpath: its db:* commands, and what they use, are there unless switched off.
        withDataSource().withPropertyValues("module-migrations.commands.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ShellMigrationCommand.class)
                        .doesNotHaveBean(MigrationCommands.class));
    }

    @Test
    void metricsAppearOnlyWithAMeterRegistry() {
        withDataSource().run(context -> assertThat(context).doesNotHaveBean(MigrationMetrics.class));
        withDataSource().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(MigrationMetrics.class));
        withDataSource().withClassLoader(new FilteredClassLoader(MeterRegistry.class, EntityManagerFactory.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationMetrics.class));
    }

    @Test
    void metricsTimeEachMigrationByModuleAndOutcome() {
        withDataSource().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(ModuleMigrations.class).migrate();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(MigrationMetrics.METER_NAME).tag("module", "blog").tag("outcome", "success")
                    .timer().count()).isEqualTo(2);
            assertThat(registry.get(MigrationMetrics.METER_NAME).tag("module", "shop").timer().count()).isEqualTo(1);
            context.getBean(ModuleMigrations.class).rollback("blog", "shop");
        });
    }

    @Test
    void theEnginesSessionsCarryTheApplicationNameAndHost() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        try (TestDatabase own = io.modulemigrations.test.PostgresServer.shared().createDatabase("application_name")) {
            this.runner.withBean(DataSource.class, own::dataSource)
                    .withPropertyValues("spring.application.name=petclinic", "module-migrations.run-on-startup=false")
                    .withBean(MigrationScript.class, () -> new MigrationScript() {
                        @Override
                        public String name() {
                            return "application-name";
                        }

                        @Override
                        public void run(ScriptContext context) throws Exception {
                            try (java.sql.Statement st = context.connection().createStatement();
                                    java.sql.ResultSet rs = st.executeQuery("select current_setting('application_name')")) {
                                rs.next();
                                seen.add(rs.getString(1));
                            }
                        }
                    })
                    .run(context -> context.getBean(ModuleMigrations.class).migrateScripts());
        }
        assertThat(seen).containsExactly("petclinic@" + java.net.InetAddress.getLocalHost().getHostName());
    }

    @Configuration(proxyBeanMethods = false)
    static class LinkAndScript {

        @Bean
        ModuleLink postItem() {
            return ModuleLink.between("blog", "post", "shop", "item");
        }

        @Bean
        MigrationScript backfill() {
            return new MigrationScript() {
                @Override
                public String name() {
                    return "backfill";
                }

                @Override
                public void run(ScriptContext context) {
                    context.sql("select 1");
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        final ModuleMigrations migrations;

        UserBeans(DataSource dataSource) {
            this.migrations = ModuleMigrations.configure().dataSource(dataSource).locations().load();
        }

        @Bean
        ModuleMigrations userMigrations() {
            return this.migrations;
        }

        @Bean
        MigrationRunner userRunner() {
            return new MigrationRunner(this.migrations, MigrateOptions.defaults().withConcurrency(7));
        }

        @Bean
        MigrationsHealthIndicator migrationsHealthIndicator() {
            return new MigrationsHealthIndicator(this.migrations);
        }
    }
}
