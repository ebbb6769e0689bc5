package io.modulemigrations.test.spring;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.util.ClassUtils;

/**
 * Closes the context of a {@link PostgresTestDatabase} test class once the class (with its
 * {@code @Nested} classes) is done, which drops its database. No other class can reuse that
 * context, and keeping it in Spring's context cache would keep its connection pool open until the
 * JVM exits.
 */
final class PostgresTestDatabaseTestExecutionListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return 2900; // just before DirtiesContextTestExecutionListener's after-class work (3000)
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        Class<?> testClass = testContext.getTestClass();
        if (topLevelClass(testClass) == testClass && testContext.hasApplicationContext()
                && TestContextAnnotationUtils.hasAnnotation(testClass, PostgresTestDatabase.class)) {
            testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        }
    }

    /** The class whose context and database a test class uses: itself, or for {@code @Nested} classes the outermost. */
    static Class<?> topLevelClass(Class<?> testClass) {
        Class<?> current = testClass;
        while (ClassUtils.isInnerClass(current) && current.getEnclosingClass() != null) {
            current = current.getEnclosingClass();
        }
        return current;
    }
}
