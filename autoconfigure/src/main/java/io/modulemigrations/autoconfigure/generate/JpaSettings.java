package io.modulemigrations.autoconfigure.generate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.hibernate.autoconfigure.HibernateProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernateSettings;
import org.springframework.boot.jpa.autoconfigure.JpaProperties;
import org.springframework.core.env.Environment;

/**
 * The Hibernate settings the application's JPA set-up uses at runtime, resolved as Spring Boot
 * resolves them: {@code spring.jpa.properties.*}, {@code spring.jpa.hibernate.naming.*} (Boot's
 * {@code SpringImplicitNamingStrategy} and Hibernate's snake-case physical strategy by default),
 * naming strategy beans and {@link HibernatePropertiesCustomizer} beans.
 */
public final class JpaSettings {

    private JpaSettings() {
    }

    public static Map<String, Object> resolve(Environment environment, PhysicalNamingStrategy physical,
            ImplicitNamingStrategy implicit, Collection<HibernatePropertiesCustomizer> customizers) {
        Binder binder = Binder.get(environment);
        JpaProperties jpa = binder.bind("spring.jpa", JpaProperties.class).orElseGet(JpaProperties::new);
        HibernateProperties hibernate = binder.bind("spring.jpa.hibernate", HibernateProperties.class)
                .orElseGet(HibernateProperties::new);
        // As Spring Boot does: naming strategy beans first, then the customizer beans.
        List<HibernatePropertiesCustomizer> all = new ArrayList<>();
        all.add(settings -> {
            if (physical != null) {
                settings.put("hibernate.physical_naming_strategy", physical);
            }
            if (implicit != null) {
                settings.put("hibernate.implicit_naming_strategy", implicit);
            }
        });
        all.addAll(customizers);
        return hibernate.determineHibernateProperties(jpa.getProperties(),
                new HibernateSettings().ddlAuto(() -> "none").hibernatePropertiesCustomizers(all));
    }
}
