package io.modulemigrations.sample;

import io.modulemigrations.Direction;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.migration.MigrationId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Records, in order, each migration applied during startup ({@code migrated blog/Migration…}) and
 * the moment the JPA {@code EntityManagerFactory} starts being built ({@code entityManagerFactory}),
 * which is when Hibernate validates the schema.
 */
@TestConfiguration(proxyBeanMethods = false)
class StartupOrder {

    static final String ENTITY_MANAGER_FACTORY = "entityManagerFactory";

    @Bean
    static Recorder startupOrderRecorder() {
        return new Recorder();
    }

    static final class Recorder implements MigrationListener, BeanPostProcessor {

        private final List<String> events = new CopyOnWriteArrayList<>();

        List<String> events() {
            return List.copyOf(this.events);
        }

        @Override
        public void migrationFinished(MigrationId id, Direction direction, Duration duration, Throwable failure) {
            if (direction == Direction.UP && failure == null) {
                this.events.add("migrated " + id.module() + "/" + id.name());
            }
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            // The factory bean builds the EntityManagerFactory, and Hibernate validates, in its initialization.
            if (bean instanceof AbstractEntityManagerFactoryBean) {
                this.events.add(ENTITY_MANAGER_FACTORY);
            }
            return bean;
        }
    }
}
