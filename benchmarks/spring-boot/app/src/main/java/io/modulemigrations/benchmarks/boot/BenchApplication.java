package io.modulemigrations.benchmarks.boot;

import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The benchmark's Spring Boot app: whatever migration tool is on the class path migrates as it
 * would in any application; {@link ReadyProbe} reports when the application is ready, then the
 * application closes and the JVM exits. Its twenty module packages ({@code m01}..{@code m20}) hold
 * nothing but a marker type each, so that Spring Modulith finds the workload's modules.
 */
@SpringBootApplication
public class BenchApplication {

    /** Whether the app takes one connection from its pool before it is ready (default true). */
    public static final String OPEN_POOL = "bench.open-pool";
    /** Whether the app applies the workload with raw JDBC when it is ready (default false): the floor as an app. */
    public static final String RAW_FLOOR = "bench.raw-floor";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BenchApplication.class);
        application.addListeners(new ReadyProbe(StartupSteps.install(application)));
        application.run(args).close();
    }

    /**
     * Reads the database at start, as an application does (JPA does, and most applications query
     * something before they serve): takes one connection from the pool and returns it. The pool
     * starts lazily, so without this an app without a migration tool would never connect and its
     * start would leave out the first connection (driver, connect), which every app with a tool pays.
     * Runners run before the ready event; a tool that migrates while the context refreshes has
     * started the pool already. Ordered before {@link StartupSteps}' last runner (Spring Boot runs
     * runners of equal order in no fixed order), so that its ready figure never includes the pool's start.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = OPEN_POOL, matchIfMissing = true)
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    ApplicationRunner openPool(DataSource dataSource) {
        return args -> dataSource.getConnection().close();
    }

    /** The raw JDBC floor, applying the workload at the ready event as a migration tool run there does. */
    @Bean
    @ConditionalOnBooleanProperty(name = RAW_FLOOR)
    RawJdbcFloorAtReady rawJdbcFloor(DataSource dataSource) {
        return new RawJdbcFloorAtReady(dataSource);
    }
}
