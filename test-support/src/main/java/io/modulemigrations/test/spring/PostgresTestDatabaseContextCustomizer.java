package io.modulemigrations.test.spring;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.Assert;

/**
 * Creates the database of one test class when its context is created, and registers it, its
 * connection details and the {@code spring.datasource.*} properties in the context. Equal for the
 * same test class only, so every annotated class gets its own context and database.
 */
final class PostgresTestDatabaseContextCustomizer implements ContextCustomizer {

    /** Name of the {@link TestDatabase} bean. */
    static final String DATABASE_BEAN = "postgresTestDatabase";

    static final String CONNECTION_DETAILS_BEAN = "postgresTestDatabaseConnectionDetails";

    private final Class<?> testClass;

    PostgresTestDatabaseContextCustomizer(Class<?> testClass) {
        this.testClass = testClass;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Assert.state(context.getBeanFactory() instanceof BeanDefinitionRegistry,
                () -> "@PostgresTestDatabase needs a context whose bean factory is a BeanDefinitionRegistry, got " + context);
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
        TestDatabase database = PostgresServer.shared().createDatabase(this.testClass.getSimpleName());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(DATABASE_BEAN, properties(database)));

        // Dropped when the context closes, after every bean connected to it (they depend on the details).
        RootBeanDefinition databaseDefinition = new RootBeanDefinition(TestDatabase.class, () -> database);
        databaseDefinition.setDestroyMethodName("close");
        registry.registerBeanDefinition(DATABASE_BEAN, databaseDefinition);

        RootBeanDefinition detailsDefinition = new RootBeanDefinition(JdbcConnectionDetails.class,
                () -> new TestDatabaseConnectionDetails(database));
        detailsDefinition.setDependsOn(DATABASE_BEAN);
        registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN, detailsDefinition);
    }

    private static Map<String, Object> properties(TestDatabase database) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        if (database.user() != null) {
            properties.put("spring.datasource.username", database.user());
        }
        if (database.password() != null) {
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("spring.test.database.replace", "none");
        return properties;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof PostgresTestDatabaseContextCustomizer customizer && customizer.testClass == this.testClass;
    }

    @Override
    public int hashCode() {
        return this.testClass.hashCode();
    }

    /** The test database as Spring Boot's JDBC connection details. */
    private record TestDatabaseConnectionDetails(TestDatabase database) implements JdbcConnectionDetails {

        @Override
        public String getJdbcUrl() {
            return this.database.jdbcUrl();
        }

        @Override
        public @Nullable String getUsername() {
            return this.database.user();
        }

        @Override
        public @Nullable String getPassword() {
            return this.database.password();
        }
    }
}
