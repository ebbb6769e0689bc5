package io.modulemigrations.autoconfigure.slices;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the slice tests of this package find: a JPA entity and a Spring Data JDBC
 * aggregate, each on a table that only migrations create (module {@code catalog} in Java, module
 * {@code inventory} in SQL under {@value #LOCATIONS}).
 */
@SpringBootApplication
public class SliceApplication {

    /** The {@code module-migrations.locations} setting the slice tests use. */
    public static final String LOCATIONS = "module-migrations.locations=classpath:db/slice-migrations";
}
