package io.modulemigrations.autoconfigure.actuate;

import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.ModuleStatus;
import io.modulemigrations.script.ScriptState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the migrations. Details per module: applied count, pending, changed and missing names;
 * {@code failedScripts} with each failed migration script's name and error; the lock holder.
 *
 * <p>Status:
 * <ul>
 *   <li>{@code DOWN} when an applied migration was changed and checksums are validated (the next
 *       migrate would refuse to run), or when the history cannot be read;</li>
 *   <li>{@code OUT_OF_SERVICE} while migrations are pending, when this application migrates on
 *       startup; when a separate job migrates ({@code run-on-startup=false}) pending migrations are
 *       a detail, not a reason to take the instance out of service;</li>
 *   <li>{@code UP} otherwise, including when migration scripts failed: the schema is current and a
 *       failed script (a data job) is retried by the next run, so it is reported in the details
 *       rather than by taking the instance out of service.</li>
 * </ul>
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final ModuleMigrations migrations;
    private final boolean pendingIsOutOfService;
    private final boolean changedIsDown;

    /**
     * An indicator for an application that migrates on startup and validates checksums.
     *
     * @param migrations the engine
     */
    public MigrationsHealthIndicator(ModuleMigrations migrations) {
        this(migrations, true, true);
    }

    /**
     * An indicator whose status follows how the application migrates.
     *
     * @param migrations the engine
     * @param pendingIsOutOfService whether pending migrations make the status {@code OUT_OF_SERVICE}
     *     (true when the application migrates on startup)
     * @param changedIsDown whether changed applied migrations make the status {@code DOWN} (true when
     *     checksums are validated)
     */
    public MigrationsHealthIndicator(ModuleMigrations migrations, boolean pendingIsOutOfService, boolean changedIsDown) {
        super("Could not read the migration status");
        this.migrations = migrations;
        this.pendingIsOutOfService = pendingIsOutOfService;
        this.changedIsDown = changedIsDown;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MigrationStatus status = this.migrations.status();
        boolean changed = status.modules().stream().anyMatch(m -> !m.changed().isEmpty());
        boolean pending = status.modules().stream().anyMatch(m -> !m.pending().isEmpty());
        builder.status(changed && this.changedIsDown ? Status.DOWN
                : pending && this.pendingIsOutOfService ? Status.OUT_OF_SERVICE : Status.UP);
        for (ModuleStatus m : status.modules()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("applied", m.applied().size());
            details.put("pending", m.pending());
            if (!m.changed().isEmpty()) {
                details.put("changed", m.changed());
            }
            if (!m.missing().isEmpty()) {
                details.put("missing", m.missing());
            }
            builder.withDetail(m.module(), details);
        }
        List<Map<String, String>> failedScripts = status.scripts().stream()
                .filter(script -> "failed".equals(script.state()))
                .map(MigrationsHealthIndicator::failedScript)
                .toList();
        if (!failedScripts.isEmpty()) {
            builder.withDetail("failedScripts", failedScripts);
        }
        if (status.lockHolder() != null) {
            builder.withDetail("lockHolder", status.lockHolder().toString());
        }
    }

    private static Map<String, String> failedScript(ScriptState script) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", script.name());
        details.put("error", script.error());
        return details;
    }
}
