package io.modulemigrations.autoconfigure.actuate;

import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.ModuleStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the migrations: {@code UP} when every module is up to date, {@code OUT_OF_SERVICE} while
 * migrations are pending, {@code DOWN} when an applied migration was changed or the history cannot be
 * read. Details per module: applied, pending, changed and missing counts and names.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final ModuleMigrations migrations;

    public MigrationsHealthIndicator(ModuleMigrations migrations) {
        super("Could not read the migration status");
        this.migrations = migrations;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MigrationStatus status = this.migrations.status();
        boolean changed = status.modules().stream().anyMatch(m -> !m.changed().isEmpty());
        boolean pending = status.modules().stream().anyMatch(m -> !m.pending().isEmpty());
        builder.status(changed ? Status.DOWN : pending ? Status.OUT_OF_SERVICE : Status.UP);
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
        if (status.lockHolder() != null) {
            builder.withDetail("lockHolder", status.lockHolder().toString());
        }
    }
}
