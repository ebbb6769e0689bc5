package io.modulemigrations;

import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.link.LinkSyncResult;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.module.ModuleGraph;
import io.modulemigrations.script.ScriptOutcome;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Per-module, reversible migrations for PostgreSQL. Start with {@link #configure()}:
 *
 * <pre>{@code
 * ModuleMigrations migrations = ModuleMigrations.configure()
 *         .dataSource(dataSource)
 *         .javaMigrations(new Migration202507021059())
 *         .dependsOn("brand", "product")
 *         .load();
 * MigrateResult result = migrations.migrate(MigrateOptions.defaults().withConcurrency(4));
 * migrations.rollback(List.of("blog"), RollbackOptions.latestBatch());
 * }</pre>
 *
 * An instance is immutable and safe to share (changing its configuration after {@link FluentConfiguration#load()}
 * does not change it); every operation opens and closes its own connections.
 */
public final class ModuleMigrations {

    private final Settings settings;
    // Built by the first operation, not by load(): creating this object (an application's bean) verifies and
    // links none of the engine's classes. With run-on=ready that operation is the start's early read, on a
    // thread of its own; with run-on=initialization it is the migrate on the main thread, as before.
    private volatile @Nullable Engine engine;

    /** @param loaded the discovered migrations, or null to discover them when first needed */
    ModuleMigrations(Settings settings, MigrationLoader.@Nullable Loaded loaded) {
        this.settings = settings;
        if (loaded != null) {
            this.engine = new Engine(settings, loaded);
        }
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    e = new Engine(settings, null);
                    engine = e;
                }
            }
        }
        return e;
    }

    /** A new configuration to set up and {@link FluentConfiguration#load() load}. */
    public static FluentConfiguration configure() {
        return new FluentConfiguration();
    }

    /** The modules that have migrations, by name. */
    public Set<String> modules() {
        return engine().modules();
    }

    /** Every known migration of a module, in name order (empty for an unknown module). */
    public List<LoadedMigration> migrations(String module) {
        return engine().migrations(module);
    }

    /**
     * Reads and parses the SQL migrations of these modules (all when empty), as a start does only for those
     * it runs: for what replays every migration ({@code db:verify}, {@code db:generate}, reversibility tests).
     *
     * @throws InvalidMigrationsException naming every file that is not UTF-8 or not a valid migration
     */
    public void readAll(Collection<String> modules) {
        engine().readAll(modules);
    }

    /** The declared links. */
    public List<ModuleLink> links() {
        return settings.links();
    }

    /** The module graph (modules and their depends-on). */
    public ModuleGraph graph() {
        return engine().graph();
    }

    /** Applies what is pending with the configured concurrency and all-or-nothing setting. */
    public MigrateResult migrate() {
        return engine().migrate();
    }

    /**
     * Applies what is pending. With everything applied and unchanged this reads the history once
     * and takes no lock.
     *
     * @throws MigrationFailedException   a migration failed; the message says what is left as it was
     * @throws ChecksumMismatchException  applied migrations were edited; nothing was run
     * @throws LockTimeoutException       another instance held the lock too long; nothing was run
     * @throws DatabaseUnavailableException no connection within the connect timeout; nothing was run
     */
    public MigrateResult migrate(MigrateOptions options) {
        return engine().migrate(options);
    }

    /**
     * What {@link #migrate(MigrateOptions)} returns when it has nothing to do: every migration applied as
     * in the code, no link action due and every migration script finished. Read without the lock; when
     * migrate has something to do, empty, with nothing changed (the record of a check of the history
     * aside). A start that migrates when it is ready asks this while it starts, on a thread of its own,
     * and migrates only when the answer is empty. With a dry run's options the answer is the same, and
     * nothing at all is written.
     *
     * @throws ChecksumMismatchException  applied migrations were edited
     * @throws DatabaseUnavailableException no connection within the connect timeout
     */
    public Optional<MigrateResult> upToDate(MigrateOptions options) {
        return engine().upToDate(options);
    }

    /** Rolls back each module's latest batch. */
    public RollbackResult rollback(String... modules) {
        return engine().rollback(modules);
    }

    /**
     * Rolls back each named module's latest batch, or its last {@code steps} migrations, newest
     * first. Everything is checked before anything changes: unknown modules, irreversible or
     * missing migrations, edited migrations.
     *
     * @throws UnknownModuleException        a named module has no migrations
     * @throws IrreversibleMigrationException a migration to undo has no down (or no code)
     */
    public RollbackResult rollback(Collection<String> modules, RollbackOptions options) {
        return engine().rollback(modules, options);
    }

    /** What syncing links would do, read without the lock; unsafe actions say what they would lose. */
    public LinkPlan planLinks() {
        return engine().planLinks();
    }

    /**
     * Brings link tables in step with the declared links, under the run lock, applying the planned
     * actions {@code include} accepts ({@link io.modulemigrations.link.LinkMode#SAFE}, {@code ALL}, or
     * an operator's choice). Every action's outcome is in the result.
     *
     * @throws LinkSyncFailedException an action failed (it was rolled back); the others' outcomes are in it
     */
    public LinkSyncResult syncLinks(java.util.function.Predicate<LinkAction> include) {
        return engine().syncLinks(include);
    }

    /**
     * Runs the migration scripts that have not finished, in name order, without applying
     * migrations.
     *
     * @throws ScriptFailedException a script failed; it runs again next time
     */
    public List<ScriptOutcome> migrateScripts() {
        return engine().migrateScripts();
    }

    /** The state of every module, without taking the lock. */
    public MigrationStatus status() {
        return engine().status();
    }
}
