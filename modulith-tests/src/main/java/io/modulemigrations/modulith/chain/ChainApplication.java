package io.modulemigrations.modulith.chain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Three application modules in a chain: {@code shipping} uses {@code catalog}, which has no migrations and uses
 * {@code warehouse}. Its migrations live in {@code classpath:chain-migrations}.
 */
@SpringBootApplication
public class ChainApplication {
}
