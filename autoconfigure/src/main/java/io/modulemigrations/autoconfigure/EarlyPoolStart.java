package io.modulemigrations.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Starts the application's connection pool on a thread of its own as soon as its {@code DataSource}
 * bean is created, when migrations read the history at the ready event
 * ({@code module-migrations.run-on=ready}) through that pool. The {@link MigrationRunner}'s early read
 * takes its connection from the pool later, when the engine bean exists: opening the pool (loading
 * the driver, connecting) is most of that read, and it now overlaps the rest of the context's refresh
 * instead of ending after it. Only a {@code DataSource} that can be closed is started (a pool; a plain
 * driver {@code DataSource} would connect once for nothing), and only the one migrations use: not
 * with {@code module-migrations.url} or {@code module-migrations.user}, which connect apart. A failure
 * is left to the read and to migrate, which report it; the thread ends before the pool is closed.
 */
final class EarlyPoolStart implements DestructionAwareBeanPostProcessor, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(EarlyPoolStart.class);

    /** The thread that takes the pool's first connection and gives it back. */
    static final String THREAD = "module-migrations-pool-start";

    private final boolean wanted;
    private @Nullable ConfigurableListableBeanFactory beanFactory;
    // Volatile: the context closes on another thread than the one that created the DataSource.
    private volatile @Nullable Object pool;
    private volatile @Nullable Thread thread;

    EarlyPoolStart(Environment environment) {
        // Read at run time: command mode turns startup migrations off after AOT fixed the conditions.
        this.wanted = environment.getProperty("module-migrations.run-on-startup", Boolean.class, true)
                && !environment.containsProperty("module-migrations.url") && !environment.containsProperty("module-migrations.user");
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
            this.beanFactory = listable;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (this.wanted && this.thread == null && bean instanceof DataSource dataSource && bean instanceof AutoCloseable
                && usedByMigrations(beanName)) {
            Thread starting = new Thread(() -> start(dataSource), THREAD);
            starting.setDaemon(true);
            this.pool = bean;
            this.thread = starting;
            starting.start();
        }
        return bean;
    }

    /** Whether the engine gets this DataSource: the only one, or the primary one of several. */
    private boolean usedByMigrations(String beanName) {
        ConfigurableListableBeanFactory factory = this.beanFactory;
        if (factory == null) {
            return false;
        }
        String[] names = factory.getBeanNamesForType(DataSource.class, true, false);
        if (names.length == 1) {
            return names[0].equals(beanName);
        }
        return factory.containsBeanDefinition(beanName) && factory.getBeanDefinition(beanName).isPrimary();
    }

    private static void start(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            log.trace("Started the connection pool ({})", connection);
        } catch (SQLException | RuntimeException e) {
            // The early read and migrate connect again and say what is wrong.
            log.debug("Could not start the connection pool early: {}", e.getMessage());
        }
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean == this.pool;
    }

    /** Before the pool closes: a start under way ends first (within the connect timeout), so no pool outlives the context. */
    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) throws BeansException {
        Thread starting = this.thread;
        if (bean == this.pool && starting != null && starting.isAlive()) {
            starting.interrupt();
            try {
                starting.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
