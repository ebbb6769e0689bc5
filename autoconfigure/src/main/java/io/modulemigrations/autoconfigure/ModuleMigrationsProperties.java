package io.modulemigrations.autoconfigure;

import io.modulemigrations.lint.LintMode;
import io.modulemigrations.link.LinkMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Module Migrations, under {@code module-migrations.}.
 */
@ConfigurationProperties("module-migrations")
public class ModuleMigrationsProperties {

    /**
     * Whether Module Migrations does anything at all.
     */
    private boolean enabled = true;

    /**
     * Whether to apply pending migrations when the application starts (when: see run-on).
     */
    private boolean runOnStartup = true;

    /**
     * When startup migrations run: initialization (during context refresh, before every bean that
     * depends on database initialization, such as JPA's EntityManagerFactory and JdbcTemplate) or
     * ready (on ApplicationReadyEvent, with readiness REFUSING_TRAFFIC until they are done).
     * Defaults to initialization when JPA is on the classpath, else ready.
     */
    private @Nullable RunOn runOn;

    /**
     * How many modules migrate at once, each on its own connection. Defaults to the
     * DB_MIGRATION_CONCURRENCY environment variable, else 1.
     */
    private @Nullable Integer concurrency;

    /**
     * Whether a failed run undoes everything it applied, leaving schema and history as they were.
     */
    private boolean allOrNothing;

    /**
     * Whether startup and db:migrate leave links (join tables between modules, declared as
     * ModuleLink beans) as they are. db:sync-links syncs them regardless.
     */
    private boolean skipLinks;

    /**
     * Which link actions startup and db:migrate apply: safe (create tables, add columns and
     * indexes; never lose data) or all (also drop undeclared tables and columns, change types).
     */
    private LinkMode links = LinkMode.SAFE;

    /**
     * Whether startup and db:migrate leave migration scripts (MigrationScript beans) unrun.
     * db:migrate:scripts runs them regardless.
     */
    private boolean skipScripts;

    /**
     * Where db:seed reads its seed data: a JSON object of table name to an array of rows
     * (column name to value), loaded in the order given.
     */
    private String seedLocation = "classpath:db/seed.json";

    /**
     * Schema of the history table. Defaults to the connection's current schema.
     */
    private @Nullable String schema;

    /**
     * Name of the history table.
     */
    private String table = "module_migrations";

    /**
     * Where SQL migrations live, each as <location>/<module>/<name>.sql. Prefixes: classpath: (every
     * classpath root that has the folder; classpath*: means the same), file: or filesystem: (a
     * directory); none means classpath:. Any other prefix stops startup.
     */
    private List<String> locations = new ArrayList<>(List.of("classpath:db/migrations"));

    /**
     * How long a run waits for another instance holding the migration lock.
     */
    private Duration lockWaitTimeout = Duration.ofSeconds(60);

    /**
     * How long opening a connection may take.
     */
    private Duration connectTimeout = Duration.ofSeconds(30);

    /**
     * PostgreSQL lock_timeout for migration sessions, so DDL gives up instead of queueing behind
     * long queries. None by default.
     */
    private @Nullable Duration lockTimeout;

    /**
     * How many times a transactional migration that hit lock-timeout is rolled back and tried
     * again, with growing waits (the lock timeout, then twice it, four times it, and so on). Each
     * retry is logged with the session that blocked it. A migration without a transaction is never
     * retried.
     */
    private int lockRetries = 3;

    /**
     * What lock findings of db:verify and db:migrate --dry-run do: warn (printed and logged),
     * fail (the command exits 1) or off. A finding is a statement that holds a lock blocking
     * writes on an existing table while it scans or rewrites it; "-- lint:ignore <rule>" on the
     * statement acknowledges one.
     */
    private LintMode lint = LintMode.WARN;

    /**
     * PostgreSQL statement_timeout for migration sessions. None by default.
     */
    private @Nullable Duration statementTimeout;

    /**
     * Whether an applied migration whose checksum changed stops the run.
     */
    private boolean validateChecksums = true;

    /**
     * JDBC URL for migrations, when they need their own connection (privileged user, no
     * PgBouncer). Defaults to the application's DataSource.
     */
    private @Nullable String url;

    /**
     * Database user for migrations. With no url, used against the application's database.
     */
    private @Nullable String user;

    /**
     * Password of the migrations user.
     */
    private @Nullable String password;

    /**
     * Per module settings, by module name.
     */
    private Map<String, Module> modules = new LinkedHashMap<>();

    /**
     * Settings of db:generate (and the shadow database db:verify uses).
     */
    private final Generate generate = new Generate();

    /**
     * Where the db:* commands are beans.
     */
    private final Commands commands = new Commands();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRunOnStartup() {
        return this.runOnStartup;
    }

    public void setRunOnStartup(boolean runOnStartup) {
        this.runOnStartup = runOnStartup;
    }

    public @Nullable RunOn getRunOn() {
        return this.runOn;
    }

    public void setRunOn(@Nullable RunOn runOn) {
        this.runOn = runOn;
    }

    public @Nullable Integer getConcurrency() {
        return this.concurrency;
    }

    public void setConcurrency(@Nullable Integer concurrency) {
        this.concurrency = concurrency;
    }

    public boolean isAllOrNothing() {
        return this.allOrNothing;
    }

    public void setAllOrNothing(boolean allOrNothing) {
        this.allOrNothing = allOrNothing;
    }

    public boolean isSkipLinks() {
        return this.skipLinks;
    }

    public void setSkipLinks(boolean skipLinks) {
        this.skipLinks = skipLinks;
    }

    public LinkMode getLinks() {
        return this.links;
    }

    public void setLinks(LinkMode links) {
        this.links = links;
    }

    public boolean isSkipScripts() {
        return this.skipScripts;
    }

    public void setSkipScripts(boolean skipScripts) {
        this.skipScripts = skipScripts;
    }

    public String getSeedLocation() {
        return this.seedLocation;
    }

    public void setSeedLocation(String seedLocation) {
        this.seedLocation = seedLocation;
    }

    public @Nullable String getSchema() {
        return this.schema;
    }

    public void setSchema(@Nullable String schema) {
        this.schema = schema;
    }

    public String getTable() {
        return this.table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public List<String> getLocations() {
        return this.locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public Duration getLockWaitTimeout() {
        return this.lockWaitTimeout;
    }

    public void setLockWaitTimeout(Duration lockWaitTimeout) {
        this.lockWaitTimeout = lockWaitTimeout;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getLockTimeout() {
        return this.lockTimeout;
    }

    public void setLockTimeout(@Nullable Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public int getLockRetries() {
        return this.lockRetries;
    }

    public void setLockRetries(int lockRetries) {
        this.lockRetries = lockRetries;
    }

    public LintMode getLint() {
        return this.lint;
    }

    public void setLint(LintMode lint) {
        this.lint = lint;
    }

    public @Nullable Duration getStatementTimeout() {
        return this.statementTimeout;
    }

    public void setStatementTimeout(@Nullable Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public boolean isValidateChecksums() {
        return this.validateChecksums;
    }

    public void setValidateChecksums(boolean validateChecksums) {
        this.validateChecksums = validateChecksums;
    }

    public @Nullable String getUrl() {
        return this.url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUser() {
        return this.user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    public @Nullable String getPassword() {
        return this.password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public Map<String, Module> getModules() {
        return this.modules;
    }

    public void setModules(Map<String, Module> modules) {
        this.modules = modules;
    }

    public Generate getGenerate() {
        return this.generate;
    }

    public Commands getCommands() {
        return this.commands;
    }

    /**
     * Settings of one module.
     */
    public static class Module {

        /**
         * Modules this one migrates after.
         */
        private List<String> dependsOn = new ArrayList<>();

        /**
         * Packages whose JPA entities belong to this module (with their subpackages). Defaults to
         * the package named like the module directly below the application's package.
         */
        private List<String> packages = new ArrayList<>();

        public List<String> getDependsOn() {
            return this.dependsOn;
        }

        public void setDependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
        }

        public List<String> getPackages() {
            return this.packages;
        }

        public void setPackages(List<String> packages) {
            this.packages = packages;
        }
    }

    /**
     * Where the db:* commands are beans.
     */
    public static class Commands {

        /**
         * Whether the db:* commands (MigrationCommands, and Spring Shell's db:* commands) are
         * defined as beans. By default they are when the application is launched with a db:*
         * argument, has Spring Shell or is processed ahead of time; a start without any of these
         * loads none of their classes.
         * Set it to true to run them from code of your own.
         */
        private Boolean enabled;

        public Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * Settings of db:generate.
     */
    public static class Generate {

        /**
         * Folder db:generate writes SQL migrations to, as <output-dir>/<module>/<name>.sql; relative
         * paths are resolved against the working directory.
         */
        private String outputDir = "src/main/resources/db/migrations";

        /**
         * JDBC URL of a scratch database for db:generate and db:verify; everything in it is dropped
         * each time. Defaults to a temporary database created (and dropped) on the server
         * migrations run against, which needs the CREATEDB privilege.
         */
        private String shadowUrl;

        public String getOutputDir() {
            return this.outputDir;
        }

        public void setOutputDir(String outputDir) {
            this.outputDir = outputDir;
        }

        public String getShadowUrl() {
            return this.shadowUrl;
        }

        public void setShadowUrl(String shadowUrl) {
            this.shadowUrl = shadowUrl;
        }
    }

    /** When startup migrations run. */
    public enum RunOn {

        /**
         * During context refresh, before every bean that depends on database initialization
         * (JPA, JdbcTemplate, JdbcClient, jOOQ...), as Spring Boot runs Flyway and Liquibase.
         */
        INITIALIZATION,

        /**
         * On ApplicationReadyEvent, after ApplicationRunner and CommandLineRunner beans; readiness
         * is REFUSING_TRAFFIC until migrations are done. Whether anything is pending is read while the
         * context refreshes, on a thread of its own, so that a start with nothing to apply does not
         * wait for the database at the ready event.
         */
        READY
    }
}
