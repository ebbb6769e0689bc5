package io.modulemigrations.benchmarks;

import io.modulemigrations.sql.SqlMigrationScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What every contender migrates: modules in the order they run, each with its migrations in name
 * order, and the module whose latest batch the rollback measurement undoes (null: no rollback).
 *
 * @param spec      how to rebuild it in a child JVM (see {@link #fromSpec})
 * @param title     for the report
 * @param byModule  migrations per module, in run order
 * @param dependsOn depends-on declarations (module to the modules it runs after)
 */
record Workload(String spec, String title, Map<String, List<SqlStep>> byModule, Map<String, List<String>> dependsOn,
                String rollbackModule) {

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** The module the real corpus leaves out: it creates the same tables as {@code workflow_engine_inmemory}. */
    static final String MEDUSA_EXCLUDED = "workflow_engine_redis";

    /**
     * {@code modules × perModule} small migrations with exact inverse downs: every tenth creates a
     * table, the others add a column, index it, or insert a row into it.
     */
    static Workload synthetic(int modules, int perModule) {
        Map<String, List<SqlStep>> byModule = new LinkedHashMap<>();
        LocalDateTime start = LocalDateTime.of(2025, 1, 1, 0, 0);
        String format = modules > 99 ? "m%03d" : "m%02d";
        for (int i = 1; i <= modules; i++) {
            String module = String.format(format, i);
            List<SqlStep> steps = new ArrayList<>();
            for (int k = 1; k <= perModule; k++) {
                String name = "Migration" + start.plusMinutes(k).format(NAME_TIME);
                steps.add(syntheticStep(module, name, k));
            }
            byModule.put(module, List.copyOf(steps));
        }
        return new Workload("synthetic:" + modules + "x" + perModule,
                String.format("synthetic, %d modules × %d migrations = %,d", modules, perModule, modules * perModule),
                byModule, Map.of(), String.format(format, modules));
    }

    private static SqlStep syntheticStep(String module, String name, int k) {
        String table = module + "_t" + (k - 1) / 10;
        switch ((k - 1) % 10) {
            case 0:
                return new SqlStep(module, name, "create table " + table + " (id bigint primary key, name text not null);",
                        "drop table " + table + ";");
            case 2, 6:
                String index = table + "_c" + (k - 1) + "_idx";
                return new SqlStep(module, name, "create index " + index + " on " + table + " (c" + (k - 1) + ");",
                        "drop index " + index + ";");
            case 4, 8:
                return new SqlStep(module, name, "insert into " + table + " (id, name) values (" + k + ", 'row " + k + "');",
                        "delete from " + table + " where id = " + k + ";");
            default:
                return new SqlStep(module, name, "alter table " + table + " add column c" + k + " integer not null default 0;",
                        "alter table " + table + " drop column c" + k + ";");
        }
    }

    /**
     * The Medusa corpus ({@code <dir>/<module>/<name>.sql}) without {@link #MEDUSA_EXCLUDED}. Cart
     * and order create an index of the same name, so order is declared to run after cart (for
     * the engine's concurrent runs; the others run modules one by one in this order anyway).
     */
    static Workload medusa(Path dir) {
        Map<String, List<SqlStep>> byModule = new LinkedHashMap<>();
        try (Stream<Path> modules = Files.list(dir)) {
            for (Path moduleDir : modules.filter(Files::isDirectory).sorted().toList()) {
                String module = moduleDir.getFileName().toString();
                if (module.equals(MEDUSA_EXCLUDED)) {
                    continue;
                }
                List<SqlStep> steps = new ArrayList<>();
                try (Stream<Path> files = Files.list(moduleDir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                        String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
                        SqlMigrationScript script = SqlMigrationScript.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                        steps.add(new SqlStep(module, name, script.up().strip(), script.down() == null ? null : script.down().strip()));
                    }
                }
                byModule.put(module, List.copyOf(steps));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Medusa corpus in " + dir, e);
        }
        int count = byModule.values().stream().mapToInt(List::size).sum();
        return new Workload("medusa:" + dir, String.format("real: Medusa corpus, %d modules, %d migrations", byModule.size(), count),
                byModule, Map.of("order", List.of("cart")), null);
    }

    /** Rebuilds a workload from its {@link #spec()}: {@code synthetic:MxK} or {@code medusa:<dir>}. */
    static Workload fromSpec(String spec) {
        if (spec.startsWith("synthetic:")) {
            String[] mk = spec.substring("synthetic:".length()).split("x");
            return synthetic(Integer.parseInt(mk[0]), Integer.parseInt(mk[1]));
        }
        if (spec.startsWith("medusa:")) {
            return medusa(Path.of(spec.substring("medusa:".length())));
        }
        throw new IllegalArgumentException("Unknown workload " + spec);
    }

    Set<String> modules() {
        return byModule.keySet();
    }

    /** Every migration, module by module in run order. */
    List<SqlStep> steps() {
        return byModule.values().stream().flatMap(List::stream).toList();
    }

    int size() {
        return byModule.values().stream().mapToInt(List::size).sum();
    }

    /** How many migrations the rollback measurement undoes (the rollback module's only batch). */
    int rollbackSize() {
        return rollbackModule == null ? 0 : byModule.get(rollbackModule).size();
    }
}
