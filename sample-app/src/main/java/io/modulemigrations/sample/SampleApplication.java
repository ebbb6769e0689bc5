package io.modulemigrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with three modules, blog, product and brand, each owning its tables, a link
 * between products and brands, a migration script and seed data. Run it with no arguments for the
 * web application, or with a command: {@code db:setup}, {@code db:status}, {@code db:migrate},
 * {@code db:rollback blog}, {@code db:sync-links --dry-run}, {@code db:migrate:scripts}, {@code db:seed}.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
