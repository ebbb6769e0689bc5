package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.MigrationException;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.catalog.CatalogScope;
import io.modulemigrations.catalog.CatalogSnapshot;
import io.modulemigrations.catalog.ColumnOrder;
import io.modulemigrations.catalog.ProofResult;
import io.modulemigrations.catalog.RoundTripProof;
import io.modulemigrations.catalog.SchemaDiff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code db:generate}'s work: for each module, the difference between its tables as its migrations
 * leave them and as its entities map them, computed and proven on a shadow database; the
 * application's database is never read or changed.
 *
 * <ol>
 *   <li>Current state: every module's migrations replayed on the shadow database, noting which
 *       module created which table.</li>
 *   <li>Target state: the other modules' migrations, and the module's entities as its ORM would
 *       create them, restricted to the module's tables.</li>
 *   <li>The difference for the module's tables gives {@code up} and {@code down}; on the current
 *       state, up must give the target exactly, down the current state, and up must apply again.</li>
 * </ol>
 */
public final class MigrationGenerator {

    private static final Logger log = LoggerFactory.getLogger(MigrationGenerator.class);

    private final ModuleMigrations application;
    private final ModuleEntities entities;
    private final List<Class<?>> otherManagedClasses;
    private final EntityModel.Factory models;
    private final Supplier<ShadowDatabase> shadows;
    private final ShadowReplay replay;
    private final String schema;

    /**
     * @param application         the application's engine: migrations, module order, links
     * @param entities            the application's entities by module
     * @param otherManagedClasses embeddables, mapped superclasses and converters the entities use
     * @param models              maps entities (null when no ORM is on the classpath: only empty migrations can be written)
     * @param shadows             opens a shadow database
     * @param schema              {@code module-migrations.schema}, or null for the connection's current schema
     * @param table               the history table's name
     */
    public MigrationGenerator(ModuleMigrations application, ModuleEntities entities, List<Class<?>> otherManagedClasses,
            EntityModel.Factory models, Supplier<ShadowDatabase> shadows, String schema, String table) {
        this.application = application;
        this.entities = entities;
        this.otherManagedClasses = List.copyOf(otherManagedClasses);
        this.models = models;
        this.shadows = shadows;
        this.replay = new ShadowReplay(application, schema, table);
        this.schema = schema;
    }

    /** Modules that have entities or migrations, by name. */
    public Set<String> modules() {
        Set<String> modules = new TreeSet<>(this.application.modules());
        modules.addAll(this.entities.modules());
        return modules;
    }

    /** The application's entities by module. */
    public ModuleEntities entities() {
        return this.entities;
    }

    /**
     * Refuses modules that have neither entities nor migrations.
     *
     * @throws UnknownModuleException naming them and the available modules
     */
    public void checkKnown(List<String> modules) {
        List<String> unknown = modules.stream().filter(m -> !modules().contains(m)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new UnknownModuleException("generate", unknown, List.copyOf(modules()));
        }
    }

    /**
     * Applies every module's migrations, in their normal order, on a new shadow database that is gone
     * when this returns or throws, telling the listener {@code listenerFor} makes for that database
     * about each step (closed, when it is {@link AutoCloseable}, before the database goes). For {@code db:verify}.
     *
     * @return the listener
     * @throws MigrationException if the shadow database cannot be had, or a migration fails on it
     */
    public <L extends MigrationListener> L replayOnShadow(Function<DataSource, L> listenerFor) {
        try (ShadowDatabase shadow = this.shadows.get()) {
            L listener = listenerFor.apply(shadow.dataSource());
            try {
                this.replay.current(shadow, listener);
            } finally {
                if (listener instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // its connection ends with the shadow database
                    }
                }
            }
            return listener;
        }
    }

    /**
     * Computes and proves each module's changes. Nothing is written anywhere but the shadow database,
     * which is gone when this returns or throws.
     *
     * @throws UnknownModuleException a module has neither entities nor migrations
     * @throws MigrationException     an entity maps another module's table, a migration or the entities' DDL
     *                                fails on the shadow database, or the proof fails (the message shows the differing catalog lines)
     */
    public List<ModuleChanges> generate(List<String> modules) {
        checkKnown(modules);
        if (this.models == null) {
            throw new MigrationException("db:generate reads JPA entities with Hibernate, which is not on the classpath;"
                    + " nothing was generated. Next: add spring-boot-starter-data-jpa, or write a migration by hand with"
                    + " db:generate <module> --empty --name <Name>.");
        }
        if (!this.entities.unassigned().isEmpty()) {
            log.warn("These entities belong to no module, so no migration covers their tables: {}. Give them one with"
                    + " module-migrations.modules.<module>.packages, or move them to a module's package.",
                    this.entities.unassigned().stream().map(Class::getName).collect(Collectors.joining(", ")));
        }
        try (ShadowDatabase shadow = this.shadows.get()) {
            Map<Relation, String> owners = this.replay.current(shadow);
            Server server = Server.of(shadow);
            String schemaName = this.schema != null ? this.schema : server.currentSchema();
            List<Class<?>> classes = new ArrayList<>(this.entities.all());
            classes.addAll(this.entities.unassigned());
            classes.addAll(this.otherManagedClasses);
            try (EntityModel model = this.models.map(classes, server.version(), schemaName)) {
                Set<Relation> linkTables = this.application.links().stream()
                        .map(link -> new Relation(schemaName, link.tableName())).collect(Collectors.toSet());
                Map<String, Set<Relation>> tables = new LinkedHashMap<>();
                for (String module : modules.stream().distinct().toList()) {
                    tables.put(module, inOneSchema(module, ModuleTables.of(module, this.entities, model, owners, linkTables), schemaName));
                }
                Map<String, CatalogSnapshot> current = new LinkedHashMap<>();
                tables.forEach((module, owned) -> current.put(module, server.snapshot(shadow, scope(schemaName, owned))));
                List<ModuleChanges> result = new ArrayList<>();
                for (Map.Entry<String, Set<Relation>> entry : tables.entrySet()) {
                    result.add(changes(shadow, server, model, entry.getKey(), scope(schemaName, entry.getValue()), entry.getValue(),
                            current.get(entry.getKey())));
                }
                return result;
            }
        }
    }

    private ModuleChanges changes(ShadowDatabase shadow, Server server, EntityModel model, String module, CatalogScope scope,
            Set<Relation> owned, CatalogSnapshot current) {
        shadow.reset();
        this.replay.target(shadow, module, model.createStatements(owned::contains));
        CatalogSnapshot target = server.snapshot(shadow, scope);
        SchemaDiff diff;
        try {
            diff = SchemaDiff.between(current, target);
        } catch (IllegalArgumentException e) {
            throw new MigrationException(module + ": " + e.getMessage() + ". Nothing was written.", e);
        }
        if (diff.isEmpty()) {
            return new ModuleChanges(module, diff, null);
        }
        shadow.reset();
        this.replay.current(shadow);
        ProofResult proof;
        try (Connection c = shadow.dataSource().getConnection()) {
            proof = RoundTripProof.run(c, scope, diff.upSql(), diff.downSql(), target, ColumnOrder.IGNORED);
        } catch (SQLException e) {
            throw new MigrationException("Could not prove " + module + "'s migration on the shadow database: " + e.getMessage()
                    + ". Nothing was written.", e);
        }
        if (!proof.succeeded()) {
            throw new MigrationException(module + ": the generated migration failed its proof on the shadow database, so nothing"
                    + " was written. " + proof.message() + "\nGenerated up:\n" + diff.upSql() + "Generated down:\n" + diff.downSql()
                    + "Next: write this migration by hand (db:generate " + module + " --empty --name <Name>) and report the case.");
        }
        return new ModuleChanges(module, diff, proof);
    }

    private static Set<Relation> inOneSchema(String module, Set<Relation> owned, String schema) {
        List<Relation> elsewhere = owned.stream().filter(r -> !r.schema().equals(schema)).toList();
        if (!elsewhere.isEmpty()) {
            throw new MigrationException(module + " has tables outside schema " + schema + " (" + elsewhere.stream()
                    .map(Relation::toString).collect(Collectors.joining(", ")) + "); db:generate compares one schema per run."
                    + " Nothing was generated. Next: write this module's migrations by hand (db:generate " + module + " --empty).");
        }
        return owned;
    }

    private static CatalogScope scope(String schema, Set<Relation> owned) {
        List<String> names = owned.stream().map(Relation::name).toList();
        return CatalogScope.schema(schema).tables(names).sequences(names);
    }

    /** The shadow server's version and the current schema of its connections. */
    private record Server(int[] version, String currentSchema) {

        static Server of(ShadowDatabase shadow) {
            try (Connection c = shadow.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int, current_schema()")) {
                rs.next();
                int number = rs.getInt(1);
                return new Server(new int[] {number / 10000, number % 10000}, rs.getString(2));
            } catch (SQLException e) {
                throw new MigrationException("Could not read the shadow database's version: " + e.getMessage(), e);
            }
        }

        CatalogSnapshot snapshot(ShadowDatabase shadow, CatalogScope scope) {
            try (Connection c = shadow.dataSource().getConnection()) {
                return CatalogSnapshot.read(c, scope);
            } catch (SQLException e) {
                throw new MigrationException("Could not read the shadow database's catalog: " + e.getMessage(), e);
            }
        }
    }
}
