package io.modulemigrations;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.ModuleMigration;
import io.modulemigrations.script.MigrationScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Everything a {@link ModuleMigrations} needs, set fluently; {@link #load()} validates it. */
public final class FluentConfiguration {

    record ExplicitJavaMigration(String module, String name, Migration migration, boolean transactional) {
    }

    record InlineSqlMigration(String module, String name, String text) {
    }

    DataSource dataSource;
    final List<Migration> annotatedMigrations = new ArrayList<>();
    final List<ExplicitJavaMigration> explicitMigrations = new ArrayList<>();
    final List<InlineSqlMigration> inlineSqlMigrations = new ArrayList<>();
    List<String> locations = List.of("classpath:db/migrations");
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    final Map<String, Set<String>> dependsOn = new TreeMap<>();
    String schema;
    String table = "module_migrations";
    int concurrency = 1;
    boolean allOrNothing;
    Duration lockWaitTimeout = Duration.ofSeconds(60);
    Duration connectTimeout = Duration.ofSeconds(30);
    Duration lockTimeout;
    Duration statementTimeout;
    boolean validateChecksums = true;
    final List<MigrationListener> listeners = new ArrayList<>();
    String appliedBy;
    final List<MigrationScript> scripts = new ArrayList<>();
    final List<ModuleLink> links = new ArrayList<>();
    Set<String> modules;

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
     * {@code <module>/<name>.sql}. {@code classpath:} or {@code filesystem:} prefixes; none means classpath.
     */
    public FluentConfiguration locations(String... locations) {
        this.locations = List.of(locations);
        return this;
    }

    /** The class loader that classpath locations are read from. */
    public FluentConfiguration classLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        return this;
    }

    /** {@code module} runs after each of {@code modules}. */
    public FluentConfiguration dependsOn(String module, String... modules) {
        dependsOn.computeIfAbsent(module, m -> new LinkedHashSet<>()).addAll(Arrays.asList(modules));
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
    public FluentConfiguration schema(String schema) {
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

    /** {@code lock_timeout} for migration sessions: DDL gives up rather than queue behind long queries. */
    public FluentConfiguration lockTimeout(Duration timeout) {
        this.lockTimeout = timeout;
        return this;
    }

    /** {@code statement_timeout} for migration sessions. */
    public FluentConfiguration statementTimeout(Duration timeout) {
        this.statementTimeout = timeout;
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
    public FluentConfiguration appliedBy(String appliedBy) {
        this.appliedBy = appliedBy;
        return this;
    }

    /**
     * Discovers and validates every migration and module declaration, without touching the
     * database.
     *
     * @throws InvalidMigrationsException listing every problem, each with its file or class and the expected form
     */
    public ModuleMigrations load() {
        if (dataSource == null) {
            throw new IllegalStateException("No DataSource: call dataSource(...) before load()");
        }
        return new ModuleMigrations(this, MigrationLoader.load(this));
    }
}
