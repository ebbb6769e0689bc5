package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A workload as a Spring Boot app packages it: a jar on the app's class path holding the
 * migrations where its tool reads them (see {@link BootContender.Layout}), directory entries
 * included, as a build writes them.
 */
final class BootWorkloadJar {

    private BootWorkloadJar() {
    }

    /** Writes the jar for {@code layout} to {@code jar}; empty for {@link BootContender.Layout#NONE}. */
    static Path write(Workload workload, BootContender.Layout layout, Path jar) {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            Entries entries = new Entries(zip);
            entries.add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n");
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
                        case NONE, LIQUIBASE -> {
                        }
                    }
                }
            }
            if (layout == BootContender.Layout.LIQUIBASE) {
                entries.add("db/liquibase/changelog.xml", WorkloadFiles.changelog(workload));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the workload jar " + jar, e);
        }
        return jar;
    }

    /** Adds files and, before each, the directory entries it needs. */
    private static final class Entries {

        private final ZipOutputStream zip;
        private final Set<String> directories = new HashSet<>();

        Entries(ZipOutputStream zip) {
            this.zip = zip;
        }

        void add(String name, String text) throws IOException {
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                String directory = name.substring(0, slash + 1);
                if (directories.add(directory)) {
                    zip.putNextEntry(new ZipEntry(directory));
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
