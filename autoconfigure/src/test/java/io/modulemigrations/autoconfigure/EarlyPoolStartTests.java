package io.modulemigrations.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * With {@code run-on=ready}, the application's pool starts when its DataSource bean is created, so the
 * early read of the history does not wait for it after the rest of the context: the start's last step.
 */
@PostgresTest
class EarlyPoolStartTests {

    private static ApplicationContextRunner runner(TestDatabase database, Path migrations) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ModuleMigrationsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.user(),
                        "spring.datasource.password=" + (database.password() == null ? "" : database.password()),
                        "module-migrations.run-on=ready", "module-migrations.locations=file:" + migrations);
    }

    /** A bean created after the DataSource and before the engine, which only goes on once the pool runs. */
    @Configuration(proxyBeanMethods = false)
    static class WaitsForThePool {

        @Bean
        String poolSeenRunning(DataSource dataSource) {
            HikariDataSource pool = (HikariDataSource) dataSource;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!pool.isRunning() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return String.valueOf(pool.isRunning());
        }
    }

    @Test
    void thePoolStartsAsSoonAsItsDataSourceIsCreated(TestDatabase database, @TempDir Path migrations) {
        // Application beans come before auto-configured ones: the engine's early read starts after this bean.
        runner(database, migrations).withUserConfiguration(WaitsForThePool.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EarlyPoolStart.class);
            assertThat(context.getBean("poolSeenRunning")).as("the pool ran before the engine's bean was created").isEqualTo("true");
        });
    }

    @Test
    void thePoolIsLeftAloneWhenMigrationsConnectApartOrDoNotRunAtStartup(TestDatabase database, @TempDir Path migrations) {
        runner(database, migrations).withPropertyValues("module-migrations.url=" + database.jdbcUrl(),
                "module-migrations.user=" + database.user(), "module-migrations.password=" + (database.password() == null ? "" : database.password()))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MigrationRunner.class);
                    assertThat(context.getBean(HikariDataSource.class).isRunning()).isFalse();
                });
        runner(database, migrations).withPropertyValues("module-migrations.run-on-startup=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EarlyPoolStart.class));
        runner(database, migrations).withPropertyValues("module-migrations.run-on=initialization")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EarlyPoolStart.class));
    }

    /** A context that closes while the pool is still starting closes it only after that start has ended. */
    @Test
    void thePoolClosesAfterAStartUnderWay(TestDatabase database, @TempDir Path migrations) {
        CountDownLatch connecting = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        class ClosablePool extends DelegatingDataSource implements AutoCloseable {

            ClosablePool() {
                super(database.dataSource());
            }

            @Override
            public Connection getConnection() throws SQLException {
                if (Thread.currentThread().getName().equals(EarlyPoolStart.THREAD)) {
                    connecting.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        events.add("start ended");
                        throw new SQLException("interrupted while connecting", e);
                    }
                }
                return super.getConnection();
            }

            @Override
            public void close() {
                events.add("closed");
            }
        }
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ModuleMigrationsAutoConfiguration.class))
                .withPropertyValues("module-migrations.run-on=ready", "module-migrations.locations=file:" + migrations)
                .withBean(DataSource.class, ClosablePool::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(connecting.await(20, TimeUnit.SECONDS)).as("the pool is starting").isTrue();
                });
        assertThat(events).containsExactly("start ended", "closed");
    }
}
