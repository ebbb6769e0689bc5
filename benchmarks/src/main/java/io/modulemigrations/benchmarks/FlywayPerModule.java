package io.modulemigrations.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.internal.license.VersionPrinter;

/**
 * Flyway (community edition), one instance and history table ({@code flyway_history_<module>}) per
 * module, run one after another. Every module after the first finds a non-empty schema, so each
 * instance baselines at version 0 and then applies V1..Vn, read from {@code classpath:flyway/<module>}
 * on the target's class loader. The free edition has no undo.
 */
final class FlywayPerModule implements Contender {

    @Override
    public String id() {
        return "flyway";
    }

    @Override
    public String label() {
        return "Flyway " + VersionPrinter.getVersion() + ", one instance per module";
    }

    @Override
    public boolean canRollback() {
        return false;
    }

    @Override
    public Session open(Target target) {
        List<Flyway> perModule = new ArrayList<>();
        for (String module : target.workload().modules()) {
            perModule.add(Flyway.configure(target.classLoader())
                    .dataSource(target.dataSource())
                    .locations(WorkloadFiles.flywayLocation(module))
                    .table("flyway_history_" + module)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load());
        }
        return new Session() {
            @Override
            public void migrate() {
                perModule.forEach(Flyway::migrate);
            }

            @Override
            public void rollback(String module, int count) {
                throw new UnsupportedOperationException("Flyway's free edition has no undo");
            }
        };
    }
}
