package io.modulemigrations.benchmarks.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's Spring Boot app: whatever migration tool is on the class path migrates as it
 * would in any application; {@link ReadyProbe} reports when the application is ready, then the
 * application closes and the JVM exits. Its twenty module packages ({@code m01}..{@code m20}) hold
 * nothing but a marker type each, so that Spring Modulith finds the workload's modules.
 */
@SpringBootApplication
public class BenchApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BenchApplication.class);
        application.addListeners(new ReadyProbe());
        application.run(args).close();
    }
}
