package io.modulemigrations.benchmarks.boot;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Prints {@value #PREFIX}, the milliseconds from the JVM's start to now and whether the
 * application's connection pool has started ({@value #POOL_STARTED} or {@value #POOL_NOT_STARTED})
 * on standard output when the application is ready. It is the last ready listener, so a migration
 * tool that runs on the ready event (Module Migrations with {@code run-on=ready}) has finished before it.
 * With {@link StartupSteps} recording, the line ends with where the start went.
 */
public final class ReadyProbe implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    private final StartupSteps steps;

    /** @param steps the recorded startup steps to add to the line, or null */
    ReadyProbe(StartupSteps steps) {
        this.steps = steps;
    }

    /** What the line starts with; the harness looks for it. */
    public static final String PREFIX = "bench-ready ";
    /** The line's last word when the pool has started. */
    public static final String POOL_STARTED = "pool-started";
    /** The line's last word when the pool has not started (nothing took a connection). */
    public static final String POOL_NOT_STARTED = "pool-not-started";

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        long now = System.currentTimeMillis();
        DataSource dataSource = event.getApplicationContext().getBeanProvider(DataSource.class).getIfAvailable();
        boolean started = dataSource instanceof HikariDataSource hikari && hikari.isRunning();
        System.out.println(PREFIX + (now - ManagementFactory.getRuntimeMXBean().getStartTime()) + " " + (started ? POOL_STARTED : POOL_NOT_STARTED)
                + (steps == null ? "" : " " + steps.summary()));
        System.out.flush();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
