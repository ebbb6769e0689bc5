package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A workload written out the way each tool reads it, under one directory:
 * {@code engine/<module>/<name>.sql}, {@code flyway/<module>/V<n>__<name>.sql} (up only) and
 * {@code liquibase/changelog.xml} (one changeset per migration with its rollback).
 */
record WorkloadFiles(Path root) {

    static WorkloadFiles write(Workload workload, Path root) {
        WorkloadFiles files = new WorkloadFiles(root);
        try {
            for (var module : workload.byModule().entrySet()) {
                List<SqlStep> steps = module.getValue();
                Path engine = Files.createDirectories(files.engineLocation().resolve(module.getKey()));
                Path flyway = Files.createDirectories(files.flywayLocation(module.getKey()));
                for (int i = 0; i < steps.size(); i++) {
                    SqlStep step = steps.get(i);
                    Files.writeString(engine.resolve(step.name() + ".sql"), step.fileText(), StandardCharsets.UTF_8);
                    Files.writeString(flyway.resolve("V" + (i + 1) + "__" + step.name() + ".sql"), step.up() + "\n", StandardCharsets.UTF_8);
                }
            }
            Files.createDirectories(files.liquibaseChangelog().getParent());
            Files.writeString(files.liquibaseChangelog(), changelog(workload), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the workload's files under " + root, e);
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

    /** The engine's {@code filesystem:} location. */
    Path engineLocation() {
        return root.resolve("engine");
    }

    /** One Flyway location per module. */
    Path flywayLocation(String module) {
        return root.resolve("flyway").resolve(module);
    }

    Path liquibaseChangelog() {
        return root.resolve("liquibase").resolve("changelog.xml");
    }
}
