package io.modulemigrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real PostgreSQL database.
 *
 * <p>Registers {@link PostgresExtension}: the class gets its own freshly created database on the
 * per-JVM {@link PostgresServer}, dropped after the class. Test constructors, test methods and
 * lifecycle methods may declare parameters of type {@link TestDatabase}, {@link javax.sql.DataSource}
 * or {@link PostgresServer}.
 *
 * <pre>{@code
 * @PostgresTest
 * class OrderRepositoryTest {
 *     @Test
 *     void savesOrders(DataSource dataSource) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
}
