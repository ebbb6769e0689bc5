package io.modulemigrations.benchmarks.boot;

import java.lang.management.ManagementFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Prints {@value #PREFIX} and the milliseconds from the JVM's start to now on standard output when
 * the application is ready. It is the last ready listener, so a migration tool that runs on the
 * ready event (Module Migrations with {@code run-on=ready}) has finished before it.
 */
public final class ReadyProbe implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    /** What the line starts with; the harness looks for it. */
    public static final String PREFIX = "bench-ready ";

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        long now = System.currentTimeMillis();
        System.out.println(PREFIX + (now - ManagementFactory.getRuntimeMXBean().getStartTime()));
        System.out.flush();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
