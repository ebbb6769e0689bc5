package io.modulemigrations.autoconfigure;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.ModuleMigration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers every {@link ModuleMigration @ModuleMigration} class in the application's packages (the
 * auto-configuration packages, where Spring Boot also finds entities) as a bean named
 * {@code moduleMigration.<module>.<ClassName>}, so migrations get constructor injection and two
 * modules' same-named migrations never collide.
 */
final class ModuleMigrationRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware,
        ResourceLoaderAware {

    /**
     * The class-metadata cache Spring Boot registers for parsing configuration classes and scanning
     * components (its bean name is Boot's, not public API); without it the scan reads classes itself.
     */
    private static final String SHARED_METADATA_READERS = "org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory";

    private BeanFactory beanFactory;
    private Environment environment;
    private ResourceLoader resourceLoader;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (!AutoConfigurationPackages.has(this.beanFactory)) {
            return;
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                this.environment);
        scanner.setResourceLoader(this.resourceLoader);
        if (this.beanFactory.containsBean(SHARED_METADATA_READERS)) {
            // The application's component scan has read these packages' classes already: read them from its cache.
            scanner.setMetadataReaderFactory(this.beanFactory.getBean(SHARED_METADATA_READERS,
                    MetadataReaderFactory.class));
        }
        scanner.addIncludeFilter(new AnnotationTypeFilter(ModuleMigration.class));
        List<String> packages = AutoConfigurationPackages.get(this.beanFactory);
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                register(candidate, registry);
            }
        }
    }

    private void register(BeanDefinition candidate, BeanDefinitionRegistry registry) {
        AnnotatedBeanDefinition annotated = (AnnotatedBeanDefinition) candidate;
        Map<String, Object> attributes = annotated.getMetadata().getAnnotationAttributes(ModuleMigration.class.getName());
        String className = annotated.getMetadata().getClassName();
        if (!Migration.class.isAssignableFrom(ClassUtils.resolveClassName(className, this.resourceLoader.getClassLoader()))) {
            throw new IllegalStateException(className + " is annotated with @ModuleMigration but does not implement "
                    + Migration.class.getName() + "; implement it (up and down) or remove the annotation");
        }
        if (declaredElsewhere(className, registry)) {
            return;
        }
        String simpleName = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        String name = "moduleMigration." + attributes.get("value") + "." + simpleName;
        if (registry.containsBeanDefinition(name)) {
            // Same module and name from another package: register both and let loading report the duplicate.
            name = "moduleMigration." + attributes.get("value") + "." + className;
        }
        registry.registerBeanDefinition(name, candidate);
    }

    // The application declared it itself (@Component, @Bean of that class, @Import): keep its bean.
    private static boolean declaredElsewhere(String className, BeanDefinitionRegistry registry) {
        for (String name : registry.getBeanDefinitionNames()) {
            if (className.equals(registry.getBeanDefinition(name).getBeanClassName())) {
                return true;
            }
        }
        return false;
    }
}
