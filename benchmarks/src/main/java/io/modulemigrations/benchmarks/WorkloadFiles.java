package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A workload packaged the way an application ships its migrations: one jar, {@code workload.jar}
 * under {@code root}, holding {@code engine/<module>/<name>.sql}, {@code flyway/<module>/V<n>__<name>.sql}
 * (up only) and {@code liquibase/changelog.xml} (one changeset per migration with its rollback),
 * directory entries included. Every tool reads it through a class loader over the jar
 * ({@link Target#classLoader()}), as an application reads its own jar.
 */
record WorkloadFiles(Path root) {

    /** The engine's location on the class loader. */
    static final String ENGINE_LOCATION = "classpath:engine";
    /** The Liquibase changelog's path on the class loader. */
    static final String LIQUIBASE_CHANGELOG = "liquibase/changelog.xml";

    static WorkloadFiles write(Workload workload, Path root) {
        WorkloadFiles files = new WorkloadFiles(root);
        try {
            Files.createDirectories(root);
            try (JarEntries jar = new JarEntries(files.jar())) {
                for (var module : workload.byModule().entrySet()) {
                    List<SqlStep> steps = module.getValue();
                    for (int i = 0; i < steps.size(); i++) {
                        SqlStep step = steps.get(i);
                        jar.add("engine/" + module.getKey() + "/" + step.name() + ".sql", step.fileText());
                        jar.add("flyway/" + module.getKey() + "/V" + (i + 1) + "__" + step.name() + ".sql", step.up() + "\n");
                    }
                }
                jar.add(LIQUIBASE_CHANGELOG, changelog(workload));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the workload's jar under " + root, e);
        }
        return files;
    }

    /** The Liquibase changelog: one changeset per migration, module by module in run order. */
    static String changelog(Workload workload) {
        StringBuilder changelog = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """);
        workload.steps().forEach(step -> changelog.append(changeSet(step)));
        return changelog.append("</databaseChangeLog>\n").toString();
    }

    /**
     * Statements are not split: each changeset's SQL goes to the driver in one call, like the raw
     * floor's. Liquibase turns JDBC escape processing off for SQL that contains {@code ?}, and the
     * driver then reads each {@code ?} as a parameter; {@code ??} is the driver's escape for a
     * literal one. (The Medusa corpus has one {@code ?}: a jsonb operator, outside any literal.)
     */
    private static String changeSet(SqlStep step) {
        String rollback = step.down() == null ? ""
                : step.down().isEmpty() ? "    <rollback/>\n"
                : "    <rollback><sql splitStatements=\"false\">" + cdata(step.down().replace("?", "??")) + "</sql></rollback>\n";
        return "  <changeSet id=\"" + step.module() + "/" + step.name() + "\" author=\"bench\">\n"
                + (step.up().isEmpty() ? "" : "    <sql splitStatements=\"false\">" + cdata(step.up().replace("?", "??")) + "</sql>\n")
                + rollback
                + "  </changeSet>\n";
    }

    private static String cdata(String sql) {
        return "<![CDATA[" + sql.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    /** The jar holding every tool's copy of the workload. */
    Path jar() {
        return root.resolve("workload.jar");
    }

    /** One Flyway location per module, on the class loader. */
    static String flywayLocation(String module) {
        return "classpath:flyway/" + module;
    }
}
