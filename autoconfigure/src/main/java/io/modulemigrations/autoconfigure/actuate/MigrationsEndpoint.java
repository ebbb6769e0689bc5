package io.modulemigrations.autoconfigure.actuate;

import io.modulemigrations.ExecutedMigration;
import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.ModuleStatus;
import io.modulemigrations.PlannedMigration;
import io.modulemigrations.RollbackOptions;
import io.modulemigrations.RollbackResult;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.history.AppliedMigration;
import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.script.ScriptState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code migrations} endpoint: every module's applied (with batch, time, checksum), pending and
 * missing migrations, the declared links and the link actions pending, the migration scripts with
 * their state, and the lock holder; one module's; and rolling a module back. Read-only unless
 * {@code management.endpoint.migrations.access=unrestricted}; reading changes nothing.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

    private final ModuleMigrations migrations;

    public MigrationsEndpoint(ModuleMigrations migrations) {
        this.migrations = migrations;
    }

    /** Every module's state, links, scripts and who holds the migration lock. */
    @ReadOperation
    public MigrationsDescriptor migrations() {
        MigrationStatus status = this.migrations.status();
        Map<String, ModuleDescriptor> modules = new LinkedHashMap<>();
        status.modules().forEach(m -> modules.put(m.module(), ModuleDescriptor.of(m)));
        LinksDescriptor links = new LinksDescriptor(this.migrations.links().stream().map(LinkDescriptor::of).toList(),
                this.migrations.planLinks().actions().stream().map(LinkActionDescriptor::of).toList());
        List<ScriptDescriptor> scripts = status.scripts().stream().map(ScriptDescriptor::of).toList();
        return new MigrationsDescriptor(modules, links, scripts, LockHolderDescriptor.of(status.lockHolder()));
    }

    /**
     * One module's state.
     *
     * @throws UnknownModuleException no module has that name; the message lists the available ones
     */
    @ReadOperation
    public ModuleDescriptor module(@Selector String module) {
        MigrationStatus status = this.migrations.status();
        ModuleStatus found = status.module(module);
        if (found == null) {
            throw new UnknownModuleException("show the status of", List.of(module),
                    status.modules().stream().map(ModuleStatus::module).toList());
        }
        return ModuleDescriptor.of(found);
    }

    /**
     * Rolls a module back: its latest batch, or its last {@code steps} migrations; with
     * {@code dryRun}, only says what would be reverted. Refused when modules depending on it applied
     * migrations after those, unless {@code withDependents}, which first undoes what they applied after it.
     */
    @WriteOperation
    public RollbackDescriptor rollback(@Selector String module, @Nullable Integer steps, @Nullable Boolean dryRun,
            @Nullable Boolean withDependents) {
        if (steps != null && steps < 1) {
            throw new InvalidEndpointRequestException("steps must be 1 or more, was " + steps, "steps must be 1 or more");
        }
        RollbackOptions options = RollbackOptions.latestBatch()
                .withSteps(steps == null ? 0 : steps)
                .withDryRun(Boolean.TRUE.equals(dryRun))
                .withDependents(Boolean.TRUE.equals(withDependents));
        return RollbackDescriptor.of(module, this.migrations.rollback(List.of(module), options));
    }

    /** Every module by name, links, scripts by name, and the lock holder (null when free). */
    public record MigrationsDescriptor(Map<String, ModuleDescriptor> modules, LinksDescriptor links,
            List<ScriptDescriptor> scripts, @Nullable LockHolderDescriptor lockHolder) {
    }

    /** The declared links, and what syncing them would do now. */
    public record LinksDescriptor(List<LinkDescriptor> declared, List<LinkActionDescriptor> pending) {
    }

    /** A declared link and its table. */
    public record LinkDescriptor(String table, String moduleA, String entityA, String moduleB, String entityB) {

        static LinkDescriptor of(ModuleLink link) {
            return new LinkDescriptor(link.tableName(), link.moduleA(), link.entityA(), link.moduleB(), link.entityB());
        }
    }

    /** A pending link action; an unsafe one runs only when asked, and its impact says what it would lose. */
    public record LinkActionDescriptor(String table, LinkAction.Kind kind, boolean safe, String impact) {

        static LinkActionDescriptor of(LinkAction action) {
            return new LinkActionDescriptor(action.table(), action.kind(), action.safe(), action.impact());
        }
    }

    /** A migration script: {@code pending}, {@code started}, {@code failed} (runs again next time) or {@code done}. */
    public record ScriptDescriptor(String name, String state, @Nullable Instant startedAt, @Nullable Instant finishedAt,
            @Nullable String error) {

        static ScriptDescriptor of(ScriptState script) {
            return new ScriptDescriptor(script.name(), script.state(), script.startedAt(),
                    script.finishedAt(), script.error());
        }
    }

    /** One module: applied, pending, missing and changed migrations, and the modules it runs after. */
    public record ModuleDescriptor(List<AppliedDescriptor> applied, List<String> pending, List<String> missing,
            List<String> changed, List<String> dependsOn) {

        static ModuleDescriptor of(ModuleStatus status) {
            return new ModuleDescriptor(status.applied().stream().map(AppliedDescriptor::of).toList(), status.pending(),
                    status.missing(), status.changed(), status.dependsOn());
        }
    }

    /** An applied migration. */
    public record AppliedDescriptor(String name, int batch, Instant appliedAt, long executionMs, String checksum,
            String appliedBy) {

        static AppliedDescriptor of(AppliedMigration a) {
            return new AppliedDescriptor(a.name(), a.batch(), a.appliedAt(), a.executionMs(), a.checksum(), a.appliedBy());
        }
    }

    /** The session holding the migration lock. */
    public record LockHolderDescriptor(int pid, String applicationName, @Nullable String clientAddress, Instant since) {

        static @Nullable LockHolderDescriptor of(@Nullable LockHolder holder) {
            return holder == null ? null
                    : new LockHolderDescriptor(holder.pid(), holder.applicationName(), holder.clientAddress(), holder.since());
        }
    }

    /**
     * What a rollback reverted, or in a dry run would revert, in that order, with the SQL it would run.
     * The module's own migrations by name; a dependent module's (with {@code withDependents}) as {@code module/name}.
     */
    public record RollbackDescriptor(String module, boolean dryRun, List<String> reverted, @Nullable String sql) {

        static RollbackDescriptor of(String module, RollbackResult result) {
            List<String> names = result.dryRun()
                    ? result.plan().stream().map(p -> p.module().equals(module) ? p.name() : p.module() + "/" + p.name()).toList()
                    : result.reverted().stream().map(e -> e.module().equals(module) ? e.name() : e.module() + "/" + e.name()).toList();
            return new RollbackDescriptor(module, result.dryRun(), names, result.dryRun() ? result.planSql() : null);
        }
    }
}
