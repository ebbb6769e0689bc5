package io.modulemigrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with three modules, blog, product and brand, each owning its tables. Run it with
 * no arguments for the web application, or with a command: {@code db:status}, {@code db:migrate},
 * {@code db:rollback blog}.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
