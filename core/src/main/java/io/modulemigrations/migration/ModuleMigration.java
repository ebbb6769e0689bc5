package io.modulemigrations.migration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link Migration} class and names the module that owns it. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ModuleMigration {

    /** The owning module: {@code [a-z][a-z0-9_]*}. */
    String value();

    /**
     * Whether the migration runs in a transaction together with its history row. Set to false for
     * statements PostgreSQL refuses inside a transaction, such as {@code create index concurrently}.
     */
    boolean transactional() default true;
}
