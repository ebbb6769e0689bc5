package io.modulemigrations.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Spring Boot scenario measured (milliseconds, by row and measure), and each app's schema. */
final class BootResults {

    /** A timed measure of a row (an app, a command, the floor). */
    enum Measure {
        /** An empty database: from the JVM's start to ready, as the app itself sees it. */
        DEPLOY_READY,
        /** The same launch, from starting the process to its ready line. */
        DEPLOY_PROCESS,
        /** Everything applied: from the JVM's start to ready. */
        RESTART_READY,
        /** The same launch, from starting the process to its ready line. */
        RESTART_PROCESS,
        /** Everything applied, in the restart rounds after the passes: from the JVM's start to ready. */
        ROUND_READY,
        /** The same launch, from starting the process to its ready line. */
        ROUND_PROCESS,
        /** A command or a web start: from starting the process to its exit, or to readiness answering UP. */
        PROCESS,
        /** The raw JDBC floor's cold apply, in the harness JVM. */
        COLD_APPLY,
        /** A restart with Spring's startup steps recorded: creating the migration tool's beans, what they need included. */
        STEP_BEANS,
        /** The same restart: creating this starter's engine bean (its properties, configuration and loading included). */
        STEP_ENGINE,
        /** The same restart: creating (binding) this starter's properties bean. */
        STEP_PROPERTIES,
        /** The same restart: from the last application runner to the end of the first ready listener (a migration run there). */
        STEP_READY
    }

    private final Workload workload;
    private final List<BootContender> contenders;
    private final Map<String, Map<Measure, List<Double>>> samples = new LinkedHashMap<>();
    private final Map<String, String> schemas = new LinkedHashMap<>();
    private final Map<String, List<String>> historyTables = new LinkedHashMap<>();
    private final Map<String, Boolean> poolStarted = new LinkedHashMap<>();

    BootResults(Workload workload, List<BootContender> contenders) {
        this.workload = workload;
        this.contenders = List.copyOf(contenders);
    }

    Workload workload() {
        return workload;
    }

    List<BootContender> contenders() {
        return contenders;
    }

    void add(String row, Measure measure, double millis) {
        samples.computeIfAbsent(row, k -> new LinkedHashMap<>()).computeIfAbsent(measure, k -> new ArrayList<>()).add(millis);
    }

    /** How many samples {@code row} has of {@code measure}. */
    int sampleCount(String row, Measure measure) {
        return samples.getOrDefault(row, Map.of()).getOrDefault(measure, List.of()).size();
    }

    Optional<Summary> summary(String row, Measure measure) {
        List<Double> values = samples.getOrDefault(row, Map.of()).getOrDefault(measure, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(Summary.of(values));
    }

    /**
     * The restart rounds' differences, {@code row}'s samples minus {@code base}'s, round by round: the
     * rounds run each app once, so the i-th samples of two rows were taken seconds apart, under the
     * same load. Empty unless both ran every round.
     */
    List<Double> roundDifferences(String row, String base) {
        List<Double> ours = samples.getOrDefault(row, Map.of()).getOrDefault(Measure.ROUND_READY, List.of());
        List<Double> theirs = samples.getOrDefault(base, Map.of()).getOrDefault(Measure.ROUND_READY, List.of());
        if (ours.isEmpty() || ours.size() != theirs.size()) {
            return List.of();
        }
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            differences.add(ours.get(i) - theirs.get(i));
        }
        return differences;
    }

    /** Keeps the schema an app with a tool (or the raw floor, {@link SpringBootScenario#FLOOR}) left after its first deploy. */
    void schema(String row, String snapshot) {
        schemas.put(row, snapshot);
    }

    /** Keeps the history tables an app's tool created (the tables the schema comparison leaves out). */
    void historyTables(String row, List<String> tables) {
        historyTables.put(row, List.copyOf(tables));
    }

    /** Keeps whether an app's connection pool had started when it was ready, on its first deploy. */
    void poolStarted(String row, boolean started) {
        poolStarted.put(row, started);
    }

    /** By app: whether its pool had started when it was ready (the lazy no-tool app's has not). */
    Map<String, Boolean> poolStarted() {
        return poolStarted;
    }

    Map<String, List<String>> historyTables() {
        return historyTables;
    }

    Map<String, String> schemas() {
        return schemas;
    }

    /** The apps whose schema after the first deploy differs from the raw floor's. */
    List<String> schemaMismatches() {
        String floor = schemas.get(SpringBootScenario.FLOOR);
        return schemas.entrySet().stream().filter(e -> !e.getValue().equals(floor)).map(Map.Entry::getKey).toList();
    }
}
