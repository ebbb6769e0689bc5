package io.modulemigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Warns at startup when something else also manages the schema: Flyway or Liquibase beans, or
 * Hibernate's schema generation ({@code ddl-auto} {@code update}, {@code create}, {@code create-drop}).
 * Both would change the same tables, and what one does the other does not know.
 */
final class SchemaManagerConflicts implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SchemaManagerConflicts.class);

    private static final Set<String> GENERATING = Set.of("update", "create", "create-drop", "create-only", "drop-and-create");

    private final ListableBeanFactory beanFactory;
    private final Environment environment;

    SchemaManagerConflicts(ListableBeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String conflict : conflicts()) {
            log.warn(conflict);
        }
    }

    List<String> conflicts() {
        List<String> conflicts = new ArrayList<>();
        tool("org.flywaydb.core.Flyway", "Flyway", "spring.flyway.enabled=false", conflicts);
        tool("liquibase.integration.spring.SpringLiquibase", "Liquibase", "spring.liquibase.enabled=false", conflicts);
        for (String property : List.of("spring.jpa.hibernate.ddl-auto", "spring.jpa.properties.hibernate.hbm2ddl.auto",
                "spring.jpa.properties.jakarta.persistence.schema-generation.database.action")) {
            String value = this.environment.getProperty(property);
            if (value != null && GENERATING.contains(value.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                conflicts.add(property + "=" + value + " lets Hibernate create or change tables that Module Migrations"
                        + " also manages: both will manage tables, and migrations will fail on tables Hibernate made."
                        + " Set " + property + "=validate (or none) and let migrations own the schema.");
            }
        }
        if (this.environment.getProperty("spring.jpa.generate-ddl", Boolean.class, false)) {
            conflicts.add("spring.jpa.generate-ddl=true lets Hibernate create tables that Module Migrations also manages:"
                    + " both will manage tables. Remove it and let migrations own the schema.");
        }
        return conflicts;
    }

    private void tool(String type, String name, String off, List<String> conflicts) {
        if (!ClassUtils.isPresent(type, getClass().getClassLoader())) {
            return;
        }
        String[] beans = this.beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(type, getClass().getClassLoader()),
                true, false);
        if (beans.length > 0) {
            conflicts.add(name + " is also active in this application (bean '" + beans[0] + "'): both will manage tables."
                    + " Let one tool own the schema: set " + off + ", or module-migrations.enabled=false.");
        }
    }
}
