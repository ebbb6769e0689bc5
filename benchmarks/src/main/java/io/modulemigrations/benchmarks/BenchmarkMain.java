package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the benchmark, prints the Markdown tables and writes them to a file.
 *
 * <pre>
 * --medusa DIR      the Medusa corpus (required)
 * --out FILE        where the Markdown goes (default RESULTS.md)
 * --synthetic MxK   the synthetic workload (default 20x50)
 * --scale           also run the 50x200 scale point
 * --warmups N       unrecorded passes first (default 1)
 * --passes N        measured passes (default 5)
 * </pre>
 */
public final class BenchmarkMain {

    /** The documented command, without harness options. */
    static final String COMMAND = "./mvnw -B -pl benchmarks -am -Pbench -DskipTests verify";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path medusa = null;
        Path out = Path.of("RESULTS.md");
        String synthetic = "20x50";
        boolean scale = false;
        int warmups = 1;
        int passes = 5;
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--medusa" -> medusa = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = true;
                case "--synthetic" -> synthetic = args[++i];
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + option + "; see BenchmarkMain's Javadoc");
            }
            if (!option.equals("--medusa") && !option.equals("--out")) {
                options.add(option.equals("--scale") ? option : option + " " + args[i]);
            }
        }
        if (medusa == null || !Files.isDirectory(medusa)) {
            throw new IllegalArgumentException("--medusa DIR must name the Medusa corpus directory, was " + medusa);
        }
        List<Workload> workloads = new ArrayList<>(List.of(Workload.fromSpec("synthetic:" + synthetic), Workload.medusa(medusa.toAbsolutePath())));
        if (scale) {
            workloads.add(Workload.fromSpec(Targets.TEN_THOUSAND));
        }
        String command = COMMAND + (options.isEmpty() ? "" : " -Dbench.args=\"" + String.join(" ", options) + "\"");
        String loadBefore = Environment.loadAverage();
        Path workDir = Files.createTempDirectory("module-migrations-bench-");
        try (BenchServer server = BenchServer.start()) {
            Results results = new Benchmark(server, workDir, warmups, passes, System.out).run(workloads, Contender.all());
            for (Workload workload : workloads) {
                List<String> mismatches = results.schemaMismatches(workload);
                if (!mismatches.isEmpty()) {
                    throw new IllegalStateException(workload.title() + ": schema differs from the raw floor's for " + mismatches);
                }
            }
            String markdown = Report.markdown(results, Environment.describe(server, command, loadBefore), warmups, passes);
            System.out.println(markdown);
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
            System.out.println("Written to " + out.toAbsolutePath());
        } finally {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
