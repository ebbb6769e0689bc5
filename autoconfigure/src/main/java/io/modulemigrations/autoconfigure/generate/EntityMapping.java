package io.modulemigrations.autoconfigure.generate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.QualifiedName;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.RootClass;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.internal.SchemaCreatorImpl;
import org.hibernate.tool.schema.spi.SchemaFilter;

/**
 * JPA entities as Hibernate maps them for PostgreSQL, built from the mapping alone: no connection
 * to any database. Gives the tables and sequences each entity maps and the DDL Hibernate would
 * run to create them.
 */
public final class EntityMapping implements EntityModel {

    private final StandardServiceRegistry registry;
    private final Metadata metadata;
    private final String defaultSchema;

    private EntityMapping(StandardServiceRegistry registry, Metadata metadata, String defaultSchema) {
        this.registry = registry;
        this.metadata = metadata;
        this.defaultSchema = defaultSchema;
    }

    /**
     * Maps {@code classes} with {@code settings}.
     *
     * @param settings      Hibernate settings as the application's JPA set-up resolves them (naming strategies,
     *                      {@code spring.jpa.properties.*}); connection and schema-action settings are ignored
     * @param classes       entities, embeddables, mapped superclasses and converters to map
     * @param serverVersion the PostgreSQL major and minor version the DDL is for
     * @param defaultSchema the schema of tables that name none (the connection's current schema)
     */
    public static EntityMapping of(Map<String, Object> settings, Collection<Class<?>> classes, int[] serverVersion,
            String defaultSchema) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySettings(offline(settings, serverVersion)).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            return new EntityMapping(registry, sources.getMetadataBuilder().build(), defaultSchema);
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** The settings that keep Hibernate off any database and on PostgreSQL. */
    static Map<String, Object> offline(Map<String, Object> settings, int[] serverVersion) {
        Map<String, Object> offline = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (!key.startsWith("jakarta.persistence.schema-generation") && !key.startsWith("javax.persistence.schema-generation")
                    && !key.startsWith("hibernate.hbm2ddl") && !key.startsWith("hibernate.connection")
                    && !key.startsWith("jakarta.persistence.jdbc") && !key.startsWith("javax.persistence.jdbc")) {
                offline.put(key, value);
            }
        });
        offline.put("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        offline.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        offline.put("jakarta.persistence.database-product-name", "PostgreSQL");
        offline.put("jakarta.persistence.database-major-version", String.valueOf(serverVersion[0]));
        offline.put("jakarta.persistence.database-minor-version", String.valueOf(serverVersion[1]));
        offline.put("hibernate.hbm2ddl.auto", "none");
        return offline;
    }

    /** The tables {@code entity} maps: its own, its secondary tables, and its collection and join tables. */
    @Override
    public Set<Relation> tablesOf(Class<?> entity) {
        Set<Relation> tables = new TreeSet<>();
        PersistentClass binding = binding(entity);
        if (binding == null) {
            return tables;
        }
        add(tables, binding.getTable());
        for (Join join : binding.getJoins()) {
            add(tables, join.getTable());
        }
        // A one-to-many's "collection table" is the other entity's, and the inverse side of a many-to-many does not map its join table.
        this.metadata.getCollectionBindings().stream()
                .filter(c -> c.getOwner() == binding && !c.isInverse() && !c.isOneToMany())
                .forEach(c -> add(tables, c.getCollectionTable()));
        return tables;
    }

    /** The sequence {@code entity}'s identifier is generated from, if any. */
    @Override
    public Set<Relation> sequencesOf(Class<?> entity) {
        Set<Relation> sequences = new TreeSet<>();
        if (binding(entity) instanceof RootClass root && root.getIdentifier() != null) {
            try {
                Generator generator = root.getIdentifier().createGenerator(dialect(), root);
                if (generator instanceof SequenceStyleGenerator sequence && sequence.getDatabaseStructure() != null) {
                    sequences.add(relation(sequence.getDatabaseStructure().getPhysicalName()));
                }
            } catch (RuntimeException e) {
                // a generator that needs more than the mapping to be built creates no sequence we can name
            }
        }
        return sequences;
    }

    /**
     * The statements Hibernate runs to create the tables and sequences {@code include} accepts, with
     * their indexes, constraints and foreign keys (also those pointing at tables it does not accept).
     */
    @Override
    public List<String> createStatements(Predicate<Relation> include) {
        SchemaFilter filter = new SchemaFilter() {
            @Override
            public boolean includeNamespace(Namespace namespace) {
                return true;
            }

            @Override
            public boolean includeTable(Table table) {
                return include.test(relation(table));
            }

            @Override
            public boolean includeSequence(Sequence sequence) {
                return include.test(relation(sequence.getName()));
            }
        };
        List<String> statements = new ArrayList<>();
        for (String statement : new SchemaCreatorImpl(this.registry, filter).generateCreationCommands(this.metadata, false)) {
            String trimmed = statement.strip();
            statements.add(trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        }
        return statements;
    }

    @Override
    public void close() {
        StandardServiceRegistryBuilder.destroy(this.registry);
    }

    private PersistentClass binding(Class<?> entity) {
        return this.metadata.getEntityBindings().stream().filter(b -> entity.getName().equals(b.getClassName()))
                .findFirst().orElse(null);
    }

    private Dialect dialect() {
        return this.registry.requireService(JdbcEnvironment.class).getDialect();
    }

    private void add(Set<Relation> tables, Table table) {
        if (table != null && table.isPhysicalTable() && !table.isAbstract() && !table.isAbstractUnionTable()) {
            tables.add(relation(table));
        }
    }

    private Relation relation(Table table) {
        return relation(table.getQualifiedTableName());
    }

    private Relation relation(QualifiedName name) {
        Identifier schema = name.getSchemaName();
        return new Relation(schema == null ? this.defaultSchema : text(schema), text(name.getObjectName()));
    }

    private static String text(Identifier identifier) {
        return identifier.isQuoted() ? identifier.getText() : identifier.getText().toLowerCase(Locale.ROOT);
    }
}
