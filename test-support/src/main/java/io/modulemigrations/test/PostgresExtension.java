package io.modulemigrations.test;

import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that gives each test class a fresh database on the shared
 * {@link PostgresServer}. Usually registered through {@link PostgresTest}.
 *
 * <p>The database is created before the class (or earlier, if a test instance constructor needs
 * it) and dropped with {@code DROP DATABASE ... WITH (FORCE)} once the class has finished.
 * {@link org.junit.jupiter.api.Nested @Nested} classes share the database of their top-level class.
 *
 * <p>Resolves parameters of these types:
 * <ul>
 *   <li>{@link TestDatabase} - the class's database;</li>
 *   <li>{@link DataSource} - a new, non-pooled data source for the class's database;</li>
 *   <li>{@link PostgresServer} - the shared server.</li>
 * </ul>
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final String DATABASE_KEY = "database";

    /** Creates the extension; JUnit instantiates it through {@code @ExtendWith}. */
    public PostgresExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestDatabase.class || type == DataSource.class || type == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PostgresServer.class) {
            return PostgresServer.shared();
        }
        TestDatabase database = database(extensionContext);
        return type == DataSource.class ? database.dataSource() : database;
    }

    /**
     * The database of the top-level test class around {@code context}, created on first use and
     * stored in that class's store, which closes (drops) it when the class is done.
     */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = topLevelClassContext(context);
        String hint = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NAMESPACE).computeIfAbsent(
                DATABASE_KEY, key -> PostgresServer.shared().createDatabase(hint), TestDatabase.class);
    }

    private static ExtensionContext topLevelClassContext(ExtensionContext context) {
        ExtensionContext result = null;
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            if (candidate.getTestClass().isPresent() && candidate.getTestMethod().isEmpty()) {
                result = candidate;
            }
        }
        if (result == null) {
            throw new IllegalStateException("PostgresExtension needs a test class context, got " + context);
        }
        return result;
    }
}
