package io.modulemigrations.autoconfigure.generate;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.persistence.autoconfigure.EntityScanner;
import org.springframework.context.ApplicationContext;

/**
 * The application's JPA types, found where Spring Boot's JPA set-up finds them ({@code @EntityScan}
 * packages, else the auto-configuration packages) without starting an EntityManagerFactory.
 */
public final class EntityClasses {

    private EntityClasses() {
    }

    /**
     * @param packagesByModule {@code module-migrations.modules.<m>.packages}
     * @param resolver         decides before the package convention (Spring Modulith)
     * @return the entities by module
     */
    public static ModuleEntities byModule(ApplicationContext context, Map<String, List<String>> packagesByModule,
            EntityModuleResolver resolver) {
        return ModuleEntities.of(scan(context, Entity.class), applicationPackage(context), packagesByModule, resolver);
    }

    /** Embeddables, mapped superclasses and converters, which entities may use. */
    public static List<Class<?>> otherManagedTypes(ApplicationContext context) {
        return scan(context, Embeddable.class, MappedSuperclass.class, Converter.class);
    }

    @SafeVarargs
    private static List<Class<?>> scan(ApplicationContext context, Class<? extends java.lang.annotation.Annotation>... annotations) {
        if (!AutoConfigurationPackages.has(context)) {
            return List.of();
        }
        try {
            Set<Class<?>> found = new EntityScanner(context).scan(annotations);
            return new ArrayList<>(found);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Could not load a JPA class found by scanning: " + e.getMessage(), e);
        }
    }

    private static String applicationPackage(ApplicationContext context) {
        return AutoConfigurationPackages.has(context) ? AutoConfigurationPackages.get(context).get(0) : null;
    }
}
