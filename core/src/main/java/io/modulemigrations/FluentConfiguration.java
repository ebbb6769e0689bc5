package io.modulemigrations;

import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.ModuleMigration;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlMigrationScanner;
import io.modulemigrations.sql.SqlMigrationSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Everything a {@link ModuleMigrations} needs, set fluently; {@link #load()} validates it and takes a
 * copy, so changing this configuration afterwards does not change the loaded engine.
 */
public final class FluentConfiguration {

    record ExplicitJavaMigration(String module, String name, Migration migration, boolean transactional) {
    }

    record InlineSqlMigration(String module, String name, String text) {
    }

    private @Nullable DataSource dataSource;
    private final List<Migration> annotatedMigrations = new ArrayList<>();
    private final List<ExplicitJavaMigration> explicitMigrations = new ArrayList<>();
    private final List<InlineSqlMigration> inlineSqlMigrations = new ArrayList<>();
    private List<String> locations = List.of("classpath:db/migrations");
    private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    private @Nullable SqlMigrationSource sqlMigrationSource;
    private final Map<String, Set<String>> dependsOn = new TreeMap<>();
    private final List<DependsOnSource> dependsOnSources = new ArrayList<>();
    private @Nullable String schema;
    private String table = "module_migrations";
    private int concurrency = 1;
    private boolean allOrNothing;
    private Duration lockWaitTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private @Nullable Duration lockTimeout;
    private @Nullable Duration statementTimeout;
    private int lockRetries = 3;
    private boolean validateChecksums = true;
    private boolean discoverWhenNeeded;
    private final List<MigrationListener> listeners = new ArrayList<>();
    private @Nullable String appliedBy;
    private @Nullable Supplier<String> applicationName;
    private final List<MigrationScript> scripts = new ArrayList<>();
    private final List<ModuleLink> links = new ArrayList<>();
    private @Nullable Set<String> modules;

    FluentConfiguration() {
    }

    /** Where migrations run and their history lives. */
    public FluentConfiguration dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /** A plain (unpooled) PostgreSQL connection per use. */
    public FluentConfiguration dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName("module-migrations");
        return dataSource(ds);
    }

    /** Java migrations annotated with {@link ModuleMigration}; each one's class name is its name. */
    public FluentConfiguration javaMigrations(Migration... migrations) {
        return javaMigrations(Arrays.asList(migrations));
    }

    /** Java migrations annotated with {@link ModuleMigration}; each one's class name is its name. */
    public FluentConfiguration javaMigrations(Collection<? extends Migration> migrations) {
        annotatedMigrations.addAll(migrations);
        return this;
    }

    /** A Java migration with its module and name given here rather than by annotation and class name. */
    public FluentConfiguration javaMigration(String module, String name, Migration migration) {
        return javaMigration(module, name, migration, true);
    }

    /** A Java migration with its module, name and transactionality given here. */
    public FluentConfiguration javaMigration(String module, String name, Migration migration, boolean transactional) {
        explicitMigrations.add(new ExplicitJavaMigration(module, name, migration, transactional));
        return this;
    }

    /** A SQL migration given as text, in the SQL file format. */
    public FluentConfiguration sqlMigration(String module, String name, String text) {
        inlineSqlMigrations.add(new InlineSqlMigration(module, name, text));
        return this;
    }

    /**
     * Where SQL migrations live ({@code classpath:db/migrations} by default): each holds
     * {@code <module>/<name>.sql}. Prefixes: {@code classpath:} (every classpath root that has the
     * folder; {@code classpath*:} means the same), {@code file:} or {@code filesystem:} (a directory);
     * none means classpath. {@link #load()} refuses any other prefix.
     *
     * @see Location
     */
    public FluentConfiguration locations(String... locations) {
        this.locations = List.of(locations);
        return this;
    }

    /** The class loader that classpath locations are read from, unless a {@link #sqlMigrationSource} is set. */
    public FluentConfiguration classLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        return this;
    }

    /**
     * What finds the SQL files below each location; by default a {@link SqlMigrationScanner} on the
     * {@link #classLoader class loader}.
     */
    public FluentConfiguration sqlMigrationSource(SqlMigrationSource source) {
        this.sqlMigrationSource = source;
        return this;
    }

    /** {@code module} runs after each of {@code modules}. */
    public FluentConfiguration dependsOn(String module, String... modules) {
        dependsOn.computeIfAbsent(module, m -> new LinkedHashSet<>()).addAll(Arrays.asList(modules));
        return this;
    }

    /**
     * {@code depends-on} that {@code source} derives when the migrations are discovered, for the modules whose
     * {@code depends-on} is not declared with {@link #dependsOn(String, String...)}.
     */
    public FluentConfiguration dependsOnFrom(DependsOnSource source) {
        dependsOnSources.add(source);
        return this;
    }

    /**
     * Only these modules' migrations are loaded; the others are ignored, as are {@code depends-on} on them and
     * their history (not reported missing). By default every module's migrations are loaded.
     */
    public FluentConfiguration modules(Collection<String> modules) {
        this.modules = Set.copyOf(modules);
        return this;
    }

    /** The schema of the history table; by default the connection's current schema. */
    public FluentConfiguration schema(@Nullable String schema) {
        this.schema = schema;
        return this;
    }

    /** The history table's name, {@code module_migrations} by default. */
    public FluentConfiguration table(String table) {
        this.table = table;
        return this;
    }

    /** How many modules {@link ModuleMigrations#migrate()} runs at once (1 by default). */
    public FluentConfiguration concurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    /** Whether {@link ModuleMigrations#migrate()} undoes the whole run if anything fails. */
    public FluentConfiguration allOrNothing(boolean allOrNothing) {
        this.allOrNothing = allOrNothing;
        return this;
    }

    /** How long a run waits for another instance's lock (60 s by default). */
    public FluentConfiguration lockWaitTimeout(Duration timeout) {
        this.lockWaitTimeout = timeout;
        return this;
    }

    /** How long opening a connection may take (30 s by default). */
    public FluentConfiguration connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** {@code lock_timeout} for migration sessions: DDL gives up rather than queue behind long queries; none by default. */
    public FluentConfiguration lockTimeout(@Nullable Duration timeout) {
        this.lockTimeout = timeout;
        return this;
    }

    /**
     * How many times a transactional migration that hit {@link #lockTimeout(Duration) lock-timeout} is rolled back and
     * tried again, with growing waits (the lock timeout, then twice it, four times it, …); 3 by default.
     */
    public FluentConfiguration lockRetries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("lockRetries must be 0 or more, was " + retries);
        }
        this.lockRetries = retries;
        return this;
    }

    /** {@code statement_timeout} for migration sessions; none by default. */
    public FluentConfiguration statementTimeout(@Nullable Duration timeout) {
        this.statementTimeout = timeout;
        return this;
    }

    /**
     * Whether {@link #load()} leaves discovering and validating the migrations to the first operation that
     * needs them (false by default: {@code load()} does it). A {@link ModuleMigrations#migrate() migrate} then
     * needs none when the code is in archives (jars) whose directories, and the history, are as an earlier
     * migrate of the same code found them: the history's row for this code in {@code <table>_checks} and a digest
     * of its rows prove it. Problems in the migrations are then thrown by that operation instead of {@code load()}.
     * For an application that migrates as it starts: a restart with nothing to do reads no migration.
     */
    public FluentConfiguration discoverWhenNeeded(boolean whenNeeded) {
        this.discoverWhenNeeded = whenNeeded;
        return this;
    }

    /** Whether a changed applied migration stops the run (true by default). */
    public FluentConfiguration validateChecksums(boolean validate) {
        this.validateChecksums = validate;
        return this;
    }

    /** Told of each migration and of lock waits. */
    public FluentConfiguration listener(MigrationListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Run-once data jobs, run by name after migrations (and link sync) until each has finished once. */
    public FluentConfiguration scripts(MigrationScript... scripts) {
        return scripts(Arrays.asList(scripts));
    }

    /** Run-once data jobs, run by name after migrations (and link sync) until each has finished once. */
    public FluentConfiguration scripts(Collection<? extends MigrationScript> scripts) {
        this.scripts.addAll(scripts);
        return this;
    }

    /** Join tables between entities of two modules, kept in step after migrations and by {@link ModuleMigrations#syncLinks}. */
    public FluentConfiguration links(ModuleLink... links) {
        return links(Arrays.asList(links));
    }

    /** Join tables between entities of two modules, kept in step after migrations and by {@link ModuleMigrations#syncLinks}. */
    public FluentConfiguration links(Collection<? extends ModuleLink> links) {
        this.links.addAll(links);
        return this;
    }

    /** Recorded as {@code applied_by}; the database user by default. */
    public FluentConfiguration appliedBy(@Nullable String appliedBy) {
        this.appliedBy = appliedBy;
        return this;
    }

    /**
     * The {@code application_name} the engine's sessions show while it works (in {@code pg_stat_activity},
     * and so in another instance's lock wait message); {@code module-migrations@<host>} by default. A
     * connection gets its previous name back before it is closed (returned to its pool).
     */
    public FluentConfiguration applicationName(@Nullable String applicationName) {
        this.applicationName = applicationName == null || applicationName.isBlank() ? null : () -> applicationName;
        return this;
    }

    /**
     * {@link #applicationName(String)} computed when the engine first opens a session of its own to
     * work in, not before: a start with nothing to do opens none (finding the host's name, which the
     * default needs too, can take a while).
     */
    public FluentConfiguration applicationName(@Nullable Supplier<String> applicationName) {
        this.applicationName = applicationName;
        return this;
    }

    /**
     * Discovers and validates every migration and module declaration (unless
     * {@link #discoverWhenNeeded(boolean) discovery waits until needed}), without touching the database. The
     * engine keeps a copy of this configuration as it is now.
     *
     * @throws InvalidMigrationsException listing every problem, each with its file or class and the expected form
     */
    public ModuleMigrations load() {
        Settings settings = snapshot();
        if (discoverWhenNeeded) {
            checkLocations(settings);
            return new ModuleMigrations(settings, null);
        }
        return new ModuleMigrations(settings, MigrationLoader.load(settings));
    }

    /**
     * What can be told of the configuration without listing anything (each location's form), for a
     * {@link #discoverWhenNeeded(boolean) load that leaves discovery until needed}. Here rather than in
     * {@link MigrationLoader}, whose classes such a load (an application's start) then does not link.
     *
     * @throws InvalidMigrationsException naming every location that is not valid
     */
    private static void checkLocations(Settings settings) {
        List<String> problems = new ArrayList<>();
        for (String text : settings.locations()) {
            try {
                Location.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMigrationsException(problems);
        }
    }

    private Settings snapshot() {
        if (dataSource == null) {
            throw new IllegalStateException("No DataSource: call dataSource(...) before load()");
        }
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> module : dependsOn.entrySet()) {
            dependencies.put(module.getKey(), Set.copyOf(module.getValue()));
        }
        return new Settings(dataSource, List.copyOf(annotatedMigrations), List.copyOf(explicitMigrations),
                List.copyOf(inlineSqlMigrations), List.copyOf(locations),
                sqlMigrationSource != null ? sqlMigrationSource : new SqlMigrationScanner(classLoader),
                Collections.unmodifiableMap(dependencies), List.copyOf(dependsOnSources), schema, table, concurrency, allOrNothing, lockWaitTimeout,
                connectTimeout, lockTimeout, lockRetries, statementTimeout, validateChecksums, List.copyOf(listeners), appliedBy,
                List.copyOf(scripts), List.copyOf(links), modules,
                applicationName != null ? applicationName : FluentConfiguration::defaultApplicationName);
    }

    /** {@code module-migrations@<host>}: the tool and the machine, when nothing names the application. */
    static String defaultApplicationName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return "module-migrations@" + host;
    }
}
