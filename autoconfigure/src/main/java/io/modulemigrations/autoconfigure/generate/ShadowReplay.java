package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrationException;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Replays the application's migrations on a {@link ShadowDatabase} with the engine, in its normal
 * order (one module at a time, links synced, migration scripts skipped): every module's for the
 * current state, or every other module's plus given DDL in one module's place for the target state.
 */
final class ShadowReplay {

    private static final Pattern FOREIGN_KEY = Pattern.compile("(?is)^alter\\s+table\\s.*\\sforeign\\s+key\\s.*");
    private static final MigrateOptions OPTIONS = MigrateOptions.defaults().withConcurrency(1).withSkipScripts(true);

    private final ModuleMigrations application;
    private final String schema;
    private final String table;

    /**
     * @param application the application's engine: its migrations, module order and links
     * @param schema      the history table's schema ({@code module-migrations.schema}), or null
     * @param table       the history table's name
     */
    ShadowReplay(ModuleMigrations application, String schema, String table) {
        this.application = application;
        this.schema = schema;
        this.table = table;
    }

    /**
     * Applies every module's migrations to the (empty) shadow database.
     *
     * @return which module's migrations created each table and sequence
     */
    Map<Relation, String> current(ShadowDatabase shadow) {
        return current(shadow, null);
    }

    /** Like {@link #current(ShadowDatabase)}, with {@code listener} (if any) told of every step as well. */
    Map<Relation, String> current(ShadowDatabase shadow, MigrationListener listener) {
        DataSource dataSource = shadow.dataSource();
        TableOwners owners = new TableOwners(dataSource);
        FluentConfiguration configuration = configuration(dataSource, null).listener(owners);
        if (listener != null) {
            configuration.listener(listener);
        }
        migrate(configuration, "the migrations of every module");
        return owners.owners();
    }

    /**
     * Applies every other module's migrations to the (empty) shadow database, and {@code statements}
     * where {@code module}'s migrations would run; foreign keys among them come after every module,
     * so they may point at tables of modules migrated later.
     */
    void target(ShadowDatabase shadow, String module, List<String> statements) {
        List<String> foreignKeys = statements.stream().filter(s -> FOREIGN_KEY.matcher(s).matches()).toList();
        List<String> rest = statements.stream().filter(s -> !foreignKeys.contains(s)).toList();
        DataSource dataSource = shadow.dataSource();
        FluentConfiguration configuration = configuration(dataSource, module);
        String name = "Migration" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_Entities";
        configuration.javaMigration(module, name, m -> rest.forEach(m::sql));
        migrate(configuration, "the other modules' migrations with " + module + "'s entities");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String foreignKey : foreignKeys) {
                st.execute(foreignKey);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not create " + module + "'s foreign keys from its entities on the shadow database: "
                    + e.getMessage() + ". Nothing was written. Next: the tables they reference must exist in their modules' migrations;"
                    + " generate or write those modules' migrations first, then " + module + "'s.", e);
        }
    }

    private FluentConfiguration configuration(DataSource dataSource, String leftOut) {
        // Every migration is replayed: every file must read and parse (a start reads only what it runs).
        this.application.readAll(List.of());
        FluentConfiguration configuration = ModuleMigrations.configure().dataSource(dataSource).locations()
                .table(this.table).concurrency(1).links(this.application.links());
        if (this.schema != null) {
            configuration.schema(this.schema);
        }
        for (String module : this.application.modules()) {
            if (!module.equals(leftOut)) {
                for (LoadedMigration migration : this.application.migrations(module)) {
                    configuration.javaMigration(module, migration.name(), new Replayed(migration), migration.transactional());
                }
            }
        }
        for (String module : this.application.graph().modules()) {
            configuration.dependsOn(module, this.application.graph().dependenciesOf(module).toArray(String[]::new));
        }
        return configuration;
    }

    private static void migrate(FluentConfiguration configuration, String what) {
        try {
            configuration.load().migrate(OPTIONS);
        } catch (MigrationException e) {
            throw new MigrationException("Applying " + what + " to the shadow database failed: " + e.getMessage(), e);
        }
    }

    /** One of the application's migrations, run again as it is. */
    private record Replayed(LoadedMigration migration) implements Migration {

        @Override
        public void up(MigrationContext m) throws Exception {
            this.migration.up(m);
        }

        @Override
        public void down(MigrationContext m) throws Exception {
            this.migration.down(m);
        }
    }
}
