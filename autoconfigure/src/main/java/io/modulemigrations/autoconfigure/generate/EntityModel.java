package io.modulemigrations.autoconfigure.generate;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The application's entities as its ORM maps them for PostgreSQL: which tables and sequences each
 * maps and the DDL that creates them. {@link EntityMapping} is Hibernate's.
 */
public interface EntityModel extends AutoCloseable {

    /** The tables {@code entity} maps. */
    Set<Relation> tablesOf(Class<?> entity);

    /** The sequences {@code entity}'s identifier comes from. */
    Set<Relation> sequencesOf(Class<?> entity);

    /** The statements that create the tables and sequences {@code include} accepts, with their constraints and indexes. */
    List<String> createStatements(Predicate<Relation> include);

    @Override
    void close();

    /** Maps entity classes; never connects to a database. */
    @FunctionalInterface
    interface Factory {

        /**
         * @param classes       entities and the embeddables, mapped superclasses and converters they use
         * @param serverVersion PostgreSQL's major and minor version
         * @param defaultSchema the schema of tables that name none
         */
        EntityModel map(Collection<Class<?>> classes, int[] serverVersion, String defaultSchema);
    }
}
