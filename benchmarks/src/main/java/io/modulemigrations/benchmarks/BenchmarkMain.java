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
 * --medusa DIR      the Medusa corpus (required unless --no-medusa or --spring-only)
 * --out FILE        where the Markdown goes (default RESULTS.md)
 * --synthetic MxK   the synthetic workload (default 20x50; 50x200 is the 10,000 scale point, targets included);
 *                   also the Spring Boot scenario's first part
 * --scale           also run the 50x200 scale point
 * --no-medusa       engine tables without the Medusa corpus
 * --contenders ID,ID  only these contenders in the engine tables, after the raw floor (always first);
 *                   ids: raw, engine-c1, engine-c4, flyway, liquibase (default: all)
 * --warmups N       unrecorded passes first (default 1)
 * --passes N        measured passes (default 5)
 * --restart-rounds N  after the Spring Boot passes, N rounds restarting the no-tool app and this starter's
 *                   (c1, c4) once each, for the restart targets (default 10; 0: none)
 * --spring-only     only the Spring Boot scenario: its part on the synthetic workload, then its 10,000 part
 * --no-spring       everything but the Spring Boot scenario
 * --no-spring-10k   the Spring Boot scenario without its 10,000 part (20x500: the apps no-tool,
 *                   module-migrations-c1 and -c4, first deploy and restart, the restart's +150 ms target)
 * --spring-10k-only only the Spring Boot scenario's 10,000 part
 * --apps ID,ID      only these apps of the Spring Boot scenario (default: all; ids in BootContender); the
 *                   10,000 part runs those of them it runs at all
 * --sample-jar JAR  the packaged sample app, for the Spring Boot scenario's command times (none: not measured)
 * </pre>
 */
public final class BenchmarkMain {

    /** The documented command, without harness options. */
    static final String COMMAND = "./mvnw -B -pl benchmarks -am -Pbench -DskipTests verify";

    /** Options without a value. */
    private static final List<String> FLAGS = List.of("--scale", "--spring-only", "--no-spring", "--no-medusa", "--no-spring-10k",
            "--spring-10k-only");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path medusa = null;
        Path out = Path.of("RESULTS.md");
        String synthetic = "20x50";
        boolean scale = false;
        boolean withMedusa = true;
        int warmups = 1;
        int passes = 5;
        int restartRounds = 10;
        boolean engine = true;
        boolean spring = true;
        boolean springThousand = true;
        boolean springTenThousand = true;
        Path sampleJar = null;
        List<BootContender> apps = BootContender.all();
        List<Contender> contenders = Contender.all();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--medusa" -> medusa = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = true;
                case "--no-medusa" -> withMedusa = false;
                case "--contenders" -> contenders = Contender.byIds(args[++i]);
                case "--synthetic" -> synthetic = args[++i];
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--restart-rounds" -> restartRounds = Integer.parseInt(args[++i]);
                case "--spring-only" -> engine = false;
                case "--no-spring" -> spring = false;
                case "--no-spring-10k" -> springTenThousand = false;
                case "--spring-10k-only" -> {
                    engine = false;
                    springThousand = false;
                }
                case "--sample-jar" -> sampleJar = Path.of(args[++i]);
                case "--apps" -> apps = BootContender.byIds(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + option + "; see BenchmarkMain's Javadoc");
            }
            if (!List.of("--medusa", "--out", "--sample-jar").contains(option)) {
                options.add(FLAGS.contains(option) ? option : option + " " + args[i]);
            }
        }
        if (engine && withMedusa && (medusa == null || !Files.isDirectory(medusa))) {
            throw new IllegalArgumentException("--medusa DIR must name the Medusa corpus directory, was " + medusa);
        }
        if (sampleJar != null && !Files.isRegularFile(sampleJar)) {
            throw new IllegalArgumentException("--sample-jar " + sampleJar + " is not a file: build sample-app first (-am does)");
        }
        Workload syntheticWorkload = Workload.fromSpec("synthetic:" + synthetic);
        List<Workload> workloads = new ArrayList<>();
        if (engine) {
            workloads.add(syntheticWorkload);
            if (withMedusa) {
                workloads.add(Workload.medusa(medusa.toAbsolutePath()));
            }
            // --synthetic 50x200 is the scale point already: results are kept by workload, so not twice.
            if (scale && !syntheticWorkload.spec().equals(Targets.TEN_THOUSAND)) {
                workloads.add(Workload.fromSpec(Targets.TEN_THOUSAND));
            }
        }
        String command = COMMAND + (options.isEmpty() ? "" : " -Dbench.args=\"" + String.join(" ", options) + "\"");
        String loadBefore = Environment.loadAverage();
        Path workDir = Files.createTempDirectory("module-migrations-bench-");
        try (BenchServer server = BenchServer.start()) {
            Results results = null;
            if (engine) {
                results = new Benchmark(server, workDir, warmups, passes, System.out).run(workloads, contenders);
                for (Workload workload : workloads) {
                    List<String> mismatches = results.schemaMismatches(workload);
                    if (!mismatches.isEmpty()) {
                        throw new IllegalStateException(workload.title() + ": schema differs from the raw floor's for " + mismatches);
                    }
                }
            }
            List<BootResults> boot = new ArrayList<>();
            if (spring && springThousand) {
                boot.add(new SpringBootScenario(server, SpringBootScenario.defaultAppsDir(), sampleJar, workDir.resolve("spring-boot"),
                        warmups, passes, restartRounds, false, System.out).run(syntheticWorkload, apps));
            }
            List<BootContender> tenThousandApps = BootContender.atTenThousand(apps);
            boolean tenThousandRan = springThousand && syntheticWorkload.spec().equals(SpringBootScenario.TEN_THOUSAND);
            if (spring && springTenThousand && !tenThousandRan && !tenThousandApps.isEmpty()) {
                boot.add(new SpringBootScenario(server, SpringBootScenario.defaultAppsDir(), null, workDir.resolve("spring-boot-10k"),
                        warmups, passes, restartRounds, false, System.out).run(Workload.fromSpec(SpringBootScenario.TEN_THOUSAND), tenThousandApps,
                        false));
            }
            Environment environment = Environment.describe(server, command, loadBefore);
            StringBuilder markdown = new StringBuilder(results != null ? Report.markdown(results, environment, warmups, passes)
                    : Report.header(environment, warmups, passes));
            if (!boot.isEmpty()) {
                markdown.append(SpringBootReport.markdown(boot));
            }
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
