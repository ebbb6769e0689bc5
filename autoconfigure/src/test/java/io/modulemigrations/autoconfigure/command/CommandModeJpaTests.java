package io.modulemigrations.autoconfigure.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.ModuleMigrationsAutoConfiguration;
import io.modulemigrations.autoconfigure.slices.catalog.CatalogItemRepository;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Command mode in a JPA application with Spring Data repositories and a bean of its own that uses one:
 * only {@code db:generate} gets an EntityManagerFactory; the other commands run without one.
 */
@PostgresTest
class CommandModeJpaTests {

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
                        ModuleMigrationsAutoConfiguration.class))
                .withUserConfiguration(CatalogApplication.class)
                .withBean(DataSource.class, database::dataSource)
                // What command mode's environment gives a launch: a lazy context and no startup migration.
                .withPropertyValues("module-migrations.run-on-startup=false", "module-migrations.locations=classpath:db/slice-migrations")
                .withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()));
    }

    private ApplicationContextRunner launchedWith(String... args) {
        return this.runner.withInitializer(context -> new CommandModeListener()
                .onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), args, context)));
    }

    @Test
    void aCommandOtherThanGenerateBuildsNoEntityManagerFactoryNorRepositories() {
        launchedWith("db:status").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(EntityManagerFactory.class)).isEmpty();
            assertThat(context.getBeanFactory().containsSingleton("catalogItemRepository")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("catalogService")).isFalse();
            StringWriter out = new StringWriter();
            int code = context.getBean(MigrationCommands.class).run(List.of("db:status"), new PrintWriter(out),
                    new PrintWriter(new StringWriter()));
            assertThat(code).isEqualTo(MigrationCommands.SUCCESS);
            assertThat(out.toString()).contains("catalog").contains("inventory");
        });
    }

    @Test
    void generateKeepsTheEntityManagerFactory() {
        launchedWith("--debug", "db:generate", "catalog").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().containsSingleton("entityManagerFactory")).isTrue();
        });
    }

    @Test
    void withoutCommandModeTheLazyContextStillBuildsIt() {
        // Why command mode removes it: Spring creates the load-time-weaver-aware EntityManagerFactory even in a lazy context.
        this.runner.run(context -> assertThat(context.getBeanFactory().containsSingleton("entityManagerFactory")).isTrue());
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = CatalogItemRepository.class)
    static class CatalogApplication {

        @Bean
        CatalogService catalogService(CatalogItemRepository items) {
            return new CatalogService(items);
        }
    }

    record CatalogService(CatalogItemRepository items) {
    }
}
