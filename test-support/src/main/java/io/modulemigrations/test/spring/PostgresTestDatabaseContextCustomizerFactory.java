package io.modulemigrations.test.spring;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Gives a {@link PostgresTestDatabaseContextCustomizer} to every test class annotated with
 * {@link PostgresTestDatabase} (directly, or on an enclosing class of a {@code @Nested} class).
 */
final class PostgresTestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    private static final String CONNECTION_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, PostgresTestDatabase.class)) {
            return null;
        }
        if (!ClassUtils.isPresent(CONNECTION_DETAILS, testClass.getClassLoader())) {
            throw new IllegalStateException("@PostgresTestDatabase on " + testClass.getName()
                    + " needs Spring Boot's JDBC support on the test classpath (" + CONNECTION_DETAILS
                    + " from spring-boot-jdbc, e.g. through spring-boot-starter-jdbc); no database was created");
        }
        return new PostgresTestDatabaseContextCustomizer(PostgresTestDatabaseTestExecutionListener.topLevelClass(testClass));
    }
}
