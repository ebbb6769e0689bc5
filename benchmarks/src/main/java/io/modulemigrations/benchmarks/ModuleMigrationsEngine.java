package io.modulemigrations.benchmarks;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.RollbackOptions;
import java.util.List;

/** This engine, reading the workload's SQL files from the class path: {@code classpath:engine} on the target's class loader. */
final class ModuleMigrationsEngine implements Contender {

    private final int concurrency;

    ModuleMigrationsEngine(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public String id() {
        return "engine-c" + concurrency;
    }

    @Override
    public String label() {
        return "Module Migrations, concurrency " + concurrency;
    }

    @Override
    public boolean canRollback() {
        return true;
    }

    @Override
    public Session open(Target target) {
        FluentConfiguration config = ModuleMigrations.configure()
                .dataSource(target.dataSource())
                .classLoader(target.classLoader())
                .locations(WorkloadFiles.ENGINE_LOCATION);
        target.workload().dependsOn().forEach((module, dependencies) -> config.dependsOn(module, dependencies.toArray(String[]::new)));
        ModuleMigrations engine = config.load();
        MigrateOptions options = MigrateOptions.defaults().withConcurrency(concurrency);
        return new Session() {
            @Override
            public void migrate() {
                engine.migrate(options);
            }

            @Override
            public void rollback(String module, int count) {
                int undone = engine.rollback(List.of(module), RollbackOptions.latestBatch()).reverted().size();
                if (undone != count) {
                    throw new IllegalStateException("Rolled back " + undone + " migrations of " + module + ", expected " + count);
                }
            }
        };
    }
}
