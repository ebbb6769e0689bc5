package io.modulemigrations.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Connects the application context of a Spring test to a fresh database on the per-JVM
 * {@link io.modulemigrations.test.PostgresServer PostgresServer}, in the way Spring Boot's
 * {@code @ServiceConnection} connects it to a container.
 *
 * <p>Each annotated test class gets its own context and its own database {@code test_<class>_<n>}
 * ({@link org.junit.jupiter.api.Nested @Nested} classes share those of their enclosing class). The
 * context has:
 * <ul>
 *   <li>a {@code JdbcConnectionDetails} bean for the database, so Spring Boot's
 *       {@code DataSourceAutoConfiguration} connects to it whatever {@code spring.datasource.*} says;</li>
 *   <li>the properties {@code spring.datasource.url}, {@code .username} and {@code .password} of the
 *       database, for code that reads them;</li>
 *   <li>{@code spring.test.database.replace=none}, so {@code @DataJpaTest}, {@code @JdbcTest} and
 *       {@code @DataJdbcTest} keep this database instead of looking for an embedded one;</li>
 *   <li>the {@link io.modulemigrations.test.TestDatabase TestDatabase} as a bean, for tests that
 *       want to inject it.</li>
 * </ul>
 * The context is closed after the test class, and the database is dropped with it.
 *
 * <pre>{@code
 * @SpringBootTest
 * @PostgresTestDatabase
 * class OrderServiceTests { ... }
 * }</pre>
 *
 * <p>Needs {@code spring-test} and Spring Boot's {@code spring-boot-jdbc} on the test classpath.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PostgresTestDatabase {
}
