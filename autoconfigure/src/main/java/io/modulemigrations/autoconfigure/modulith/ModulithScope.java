package io.modulemigrations.autoconfigure.modulith;

import org.jspecify.annotations.Nullable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.ApplicationModulesFactory;
import org.springframework.modulith.test.ModuleTestExecution;
import org.springframework.util.ClassUtils;

/**
 * The application's Spring Modulith modules and which of them the context starts: all of them, or in an
 * {@code @ApplicationModuleTest} the tested module with the modules its bootstrap mode includes (its dependencies,
 * extra includes and shared modules), as Spring Modulith's test support decides.
 *
 * @param modules    every application module
 * @param started    whether the context starts a module
 * @param tested     the tested module in an {@code @ApplicationModuleTest}, else {@code null}
 */
record ModulithScope(ApplicationModules modules, Predicate<ApplicationModule> started, @Nullable ApplicationModule tested) {

    private static final boolean TEST_SUPPORT_PRESENT = ClassUtils.isPresent(
            "org.springframework.modulith.test.ModuleTestExecution", ModulithScope.class.getClassLoader());

    /** The scope of the context, or {@code null} when it has no {@code @SpringBootApplication} to find modules from. */
    static @Nullable ModulithScope of(ListableBeanFactory beanFactory) {
        ModulithScope test = moduleTest(beanFactory);
        if (test != null) {
            return test;
        }
        Class<?> application = applicationClass(beanFactory);
        return application == null ? null : new ModulithScope(modules(application), module -> true, null);
    }

    /** The scope of an {@code @ApplicationModuleTest}'s context, else {@code null}. */
    static @Nullable ModulithScope moduleTest(ListableBeanFactory beanFactory) {
        return TEST_SUPPORT_PRESENT ? ModuleTest.scope(beanFactory) : null;
    }

    /** The application modules of {@code application}, read now. */
    static ApplicationModules modules(Class<?> application) {
        return factory().of(application);
    }

    // As Spring Modulith does: a factory declared in spring.factories, else ApplicationModules.of(...).
    private static ApplicationModulesFactory factory() {
        List<ApplicationModulesFactory> factories = declaredFactories();
        return factories.isEmpty() ? ApplicationModulesFactory.defaultFactory() : factories.get(0);
    }

    /** The class of the factory that reads the modules, or {@code default}: Spring Modulith's is a lambda, named anew in each JVM. */
    static String factoryName() {
        List<ApplicationModulesFactory> factories = declaredFactories();
        return factories.isEmpty() ? ModulithDependsOn.DEFAULT_FACTORY : factories.get(0).getClass().getName();
    }

    private static List<ApplicationModulesFactory> declaredFactories() {
        return SpringFactoriesLoader.loadFactories(ApplicationModulesFactory.class, ModulithScope.class.getClassLoader());
    }

    /** The class annotated with {@code @SpringBootApplication} among the context's beans, or null. */
    static @Nullable Class<?> applicationClass(ListableBeanFactory beanFactory) {
        return Arrays.stream(beanFactory.getBeanDefinitionNames())
                .filter(name -> beanFactory.findAnnotationOnBean(name, SpringBootApplication.class, false) != null)
                .map(name -> beanFactory.getType(name, false))
                .filter(type -> type != null)
                .<Class<?>>map(ClassUtils::getUserClass)
                .findFirst()
                .orElse(null);
    }

    /** Refers to spring-modulith-test, so loaded only when it is present. */
    private static final class ModuleTest {

        static @Nullable ModulithScope scope(ListableBeanFactory beanFactory) {
            ModuleTestExecution execution = beanFactory.getBeanProvider(ModuleTestExecution.class).getIfAvailable();
            if (execution == null) {
                return null;
            }
            return new ModulithScope(execution.getModules(),
                    module -> execution.isIncludedInExecution(module.getIdentifier()), execution.getModule());
        }
    }
}
