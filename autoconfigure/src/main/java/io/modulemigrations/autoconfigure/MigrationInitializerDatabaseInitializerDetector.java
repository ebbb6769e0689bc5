package io.modulemigrations.autoconfigure;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link MigrationInitializer}: Spring Boot makes the beans
 * that depend on database initialization depend on it.
 */
class MigrationInitializerDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrationInitializer.class);
    }

    @Override
    public int getOrder() {
        // After Flyway (1) and Liquibase (2) should an application have either as well.
        return 3;
    }
}
