package io.modulemigrations.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run measured, and the schema each contender left behind. */
final class Results {

    private final List<Workload> workloads;
    private final List<Contender> contenders;
    private final Map<String, Map<String, Map<Metric, List<Double>>>> samples = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> afterApply = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> afterRollback = new LinkedHashMap<>();

    Results(List<Workload> workloads, List<Contender> contenders) {
        this.workloads = List.copyOf(workloads);
        this.contenders = List.copyOf(contenders);
    }

    List<Workload> workloads() {
        return workloads;
    }

    List<Contender> contenders() {
        return contenders;
    }

    void add(Workload workload, Contender contender, Metric metric, double value) {
        samples.computeIfAbsent(workload.spec(), k -> new LinkedHashMap<>())
                .computeIfAbsent(contender.id(), k -> new EnumMap<>(Metric.class))
                .computeIfAbsent(metric, k -> new ArrayList<>())
                .add(value);
    }

    /** The summary of a metric, empty when it was not measured (e.g. Flyway's rollback). */
    Optional<Summary> summary(Workload workload, String contenderId, Metric metric) {
        List<Double> values = samples.getOrDefault(workload.spec(), Map.of())
                .getOrDefault(contenderId, Map.of()).getOrDefault(metric, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(Summary.of(values));
    }

    void schemaAfterApply(Workload workload, Contender contender, String snapshot) {
        afterApply.computeIfAbsent(workload.spec(), k -> new LinkedHashMap<>()).put(contender.id(), snapshot);
    }

    void schemaAfterRollback(Workload workload, Contender contender, String snapshot) {
        afterRollback.computeIfAbsent(workload.spec(), k -> new LinkedHashMap<>()).put(contender.id(), snapshot);
    }

    /** The catalog snapshot each contender left after its cold apply, by contender id. */
    Map<String, String> schemasAfterApply(Workload workload) {
        return afterApply.getOrDefault(workload.spec(), Map.of());
    }

    /** The catalog snapshot each rollback-capable contender left after the rollback, by contender id. */
    Map<String, String> schemasAfterRollback(Workload workload) {
        return afterRollback.getOrDefault(workload.spec(), Map.of());
    }

    /** Contender ids whose schema differs from the raw floor's, after apply or after rollback. */
    List<String> schemaMismatches(Workload workload) {
        List<String> mismatches = new ArrayList<>();
        compare(schemasAfterApply(workload), "after apply", mismatches);
        compare(schemasAfterRollback(workload), "after rollback", mismatches);
        return mismatches;
    }

    private static void compare(Map<String, String> snapshots, String when, List<String> mismatches) {
        String floor = snapshots.get(new RawJdbcFloor().id());
        snapshots.forEach((id, snapshot) -> {
            if (!snapshot.equals(floor)) {
                mismatches.add(id + " " + when);
            }
        });
    }
}
