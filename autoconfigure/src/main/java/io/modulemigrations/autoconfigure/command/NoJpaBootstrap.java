package io.modulemigrations.autoconfigure.command;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.util.ClassUtils;

/**
 * For command mode: leaves JPA out before any bean is created. A {@code db:*} command works through
 * JDBC and never uses JPA, but two kinds of bean escape the lazy context: Spring creates
 * load-time-weaver-aware beans, which JPA's {@code EntityManagerFactory} is, early anyway, and Spring
 * Data makes its repositories explicitly eager unless its bootstrap mode is {@code lazy}. Building the
 * {@code EntityManagerFactory} (Hibernate's bootstrap) was most of a command's start. So the
 * {@code EntityManagerFactory} definitions are removed and Spring Data repositories made lazy; the
 * application's beans that use them are lazy in command mode and never asked for. Works with and
 * without AOT, where the bean definitions were fixed at build time.
 */
final class NoJpaBootstrap implements BeanFactoryPostProcessor {

    private static final String ENTITY_MANAGER_FACTORY = "jakarta.persistence.EntityManagerFactory";

    private static final String REPOSITORY_FACTORY = "org.springframework.data.repository.core.support.RepositoryFactoryInformation";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !ClassUtils.isPresent(ENTITY_MANAGER_FACTORY, classLoader)) {
            return;
        }
        for (String name : beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(ENTITY_MANAGER_FACTORY, classLoader), true, false)) {
            String beanName = BeanFactoryUtils.transformedBeanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                registry.removeBeanDefinition(beanName);
            }
        }
        if (ClassUtils.isPresent(REPOSITORY_FACTORY, classLoader)) {
            for (String name : beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(REPOSITORY_FACTORY, classLoader), true, false)) {
                String beanName = BeanFactoryUtils.transformedBeanName(name);
                if (registry.containsBeanDefinition(beanName)) {
                    registry.getBeanDefinition(beanName).setLazyInit(true);
                }
            }
        }
    }
}
