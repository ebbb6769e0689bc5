package io.modulemigrations.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modulemigrations.Direction;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.migration.MigrationId;
import java.time.Duration;
import java.util.Locale;

/**
 * Times every migration step as {@value #METER_NAME}, tagged {@code module}, {@code direction}
 * ({@code up}, {@code down}) and {@code outcome} ({@code success}, {@code failure}).
 */
public class MigrationMetrics implements MigrationListener {

    /** The timer's name. */
    public static final String METER_NAME = "module.migrations.migration";

    private final MeterRegistry registry;

    public MigrationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records durations only, so migrations may be sent together and reported after they ran. */
    @Override
    public boolean watchesEachStep() {
        return false;
    }

    @Override
    public void migrationFinished(MigrationId id, Direction direction, Duration duration, Throwable failure) {
        Timer.builder(METER_NAME)
                .description("Time taken by one migration step")
                .tag("module", id.module())
                .tag("direction", direction.name().toLowerCase(Locale.ROOT))
                .tag("outcome", failure == null ? "success" : "failure")
                .register(this.registry)
                .record(duration);
    }
}
