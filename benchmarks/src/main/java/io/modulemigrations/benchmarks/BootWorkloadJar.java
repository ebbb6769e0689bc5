package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A workload as a Spring Boot app packages it: a jar on the app's class path holding the
 * migrations where its tool reads them (see {@link BootContender.Layout}), written as a build writes
 * it ({@link JarEntries}).
 */
final class BootWorkloadJar {

    private BootWorkloadJar() {
    }

    /** Writes the jar for {@code layout} to {@code jar}; empty for {@link BootContender.Layout#NONE}. */
    static Path write(Workload workload, BootContender.Layout layout, Path jar) {
        try (JarEntries entries = new JarEntries(jar)) {
            int global = 0;
            for (Map.Entry<String, List<SqlStep>> module : workload.byModule().entrySet()) {
                List<SqlStep> steps = module.getValue();
                for (int i = 0; i < steps.size(); i++) {
                    SqlStep step = steps.get(i);
                    global++;
                    switch (layout) {
                        case FLYWAY_SINGLE -> entries.add("db/flyway/V" + global + "__" + step.name() + ".sql", step.up() + "\n");
                        case FLYWAY_PER_MODULE -> entries.add("db/flyway/" + module.getKey() + "/V" + (i + 1) + "__" + step.name() + ".sql",
                                step.up() + "\n");
                        case MODULE_MIGRATIONS -> entries.add("db/migrations/" + module.getKey() + "/" + step.name() + ".sql", step.fileText());
                        case RAW -> entries.add("db/raw/" + module.getKey() + "/" + step.name() + ".sql", step.up() + "\n");
                        case NONE, LIQUIBASE -> {
                        }
                    }
                }
            }
            if (layout == BootContender.Layout.RAW) {
                StringBuilder index = new StringBuilder();
                workload.steps().forEach(step -> index.append(step.module()).append('/').append(step.name()).append('\n'));
                entries.add("db/raw/migrations.txt", index.toString());
            }
            if (layout == BootContender.Layout.LIQUIBASE) {
                entries.add("db/liquibase/changelog.xml", WorkloadFiles.changelog(workload));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the workload jar " + jar, e);
        }
        return jar;
    }
}
