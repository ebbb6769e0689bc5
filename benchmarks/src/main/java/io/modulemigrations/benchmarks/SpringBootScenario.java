package io.modulemigrations.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Spring Boot scenario: each {@link BootContender}'s app, started in a fresh JVM on its own
 * class path (its Maven module's {@code target/classpath.txt} and a jar of the workload), first on
 * an empty database (first deploy), then again with everything applied (restart). In each pass
 * every app takes its turn, in an order rotated by one per pass, so that load drift hits all alike;
 * the raw JDBC floor's cold apply is measured in the same passes. With the packaged sample app's
 * jar, each pass also times its {@code db:status} and {@code db:migrate} (nothing to do) against
 * its start as a web application, and this starter's app's {@code db:status} against its restart.
 * After the passes, the restart target gets its own {@code restartRounds} rounds: the app without a
 * tool and this starter, each on a database its first deploy migrated, restarted once per round in
 * an order rotated by one per round, so that the launches compared are seconds apart (in a pass
 * the other tools' first deploys run between them) and their differences can be taken round by round.
 * Every tool's schema after its first deploy is compared with the raw floor's, and every app's
 * ready line says whether its connection pool had started (every app takes a connection before it
 * is ready, but {@link BootContender#NO_TOOL_LAZY}). With {@code schemaOnly}, a pass is these checks
 * alone: a first deploy of every app, no restart, no rounds, no commands, nothing timed (the test command's small pass).
 * <p>
 * The environment variable {@value #APP_OPTIONS} adds JVM options to every app launch (space
 * separated), to look inside one: e.g. {@code -XX:StartFlightRecording:filename=/tmp/jfr/,settings=profile}
 * or {@code -Dlogging.file.name=/tmp/app-logs/${PID}.log}.
 *
 * @param server    the run's PostgreSQL server
 * @param appsDir   {@code benchmarks/spring-boot}: the apps' Maven modules, built
 * @param sampleJar the packaged sample app; null: no command measurements
 * @param workDir   where the workload jars go
 * @param warmups   passes run first and not recorded
 * @param passes    passes recorded
 * @param restartRounds restart rounds after the passes (0: none)
 * @param schemaOnly only the schema check
 * @param progress  where progress lines go
 */
record SpringBootScenario(BenchServer server, Path appsDir, Path sampleJar, Path workDir, int warmups, int passes, int restartRounds,
                          boolean schemaOnly, PrintStream progress) {

    /** The row of the raw JDBC floor. */
    static final String FLOOR = "raw";
    /** The rows of the sample app's launches. */
    static final String SAMPLE_WEB = "sample-web", SAMPLE_STATUS = "sample-db:status", SAMPLE_MIGRATE = "sample-db:migrate";
    /** The row of this starter's app's {@code db:status} with everything applied. */
    static final String STARTER_STATUS = "module-migrations-db:status";

    /** Environment variable: extra JVM options for every app launch. */
    static final String APP_OPTIONS = "BENCH_APP_OPTIONS";

    private static final String MAIN_CLASS = "io.modulemigrations.benchmarks.boot.BenchApplication";
    private static final String READY_PREFIX = "bench-ready ";
    private static final String POOL_STARTED = "pool-started", POOL_NOT_STARTED = "pool-not-started";
    /** The bench app's system property that records Spring's startup steps ({@code StartupSteps} there). */
    private static final String STARTUP_STEPS = "bench.startup-steps";
    /** Launches per app, after the restart rounds, with the startup steps recorded. */
    static final int STEP_LAUNCHES = 10;

    /** {@code benchmarks/spring-boot} from the benchmarks module's directory (Maven's working directory for it). */
    static Path defaultAppsDir() {
        return Path.of("spring-boot").toAbsolutePath();
    }

    /**
     * The restart target's second size: 10,000 migrations in the apps' 20 module packages. Run for
     * {@link BootContender#atTenThousand these apps} only, the raw floor untimed.
     */
    static final String TEN_THOUSAND = "synthetic:20x500";

    /** Every app takes its turn in each pass; the raw floor's cold apply is timed in the same passes. */
    BootResults run(Workload workload, List<BootContender> contenders) throws Exception {
        return run(workload, contenders, true);
    }

    /**
     * Every app takes its turn in each pass. With {@code timeFloor} false, the raw floor applies
     * the workload in the first pass only, untimed, as the reference for the schema check (at
     * 10,000 no target needs its time, and it would add a cold apply to every pass).
     */
    BootResults run(Workload workload, List<BootContender> contenders, boolean timeFloor) throws Exception {
        Map<String, String> classpaths = new HashMap<>();
        Map<BootContender.Layout, Path> jars = new EnumMap<>(BootContender.Layout.class);
        Files.createDirectories(workDir);
        for (BootContender contender : contenders) {
            classpaths.put(contender.id(), classpath(contender));
            jars.computeIfAbsent(contender.layout(), layout -> BootWorkloadJar.write(workload, layout,
                    workDir.resolve("workload-" + layout.name().toLowerCase(Locale.ROOT) + ".jar")));
        }
        BootResults results = new BootResults(workload, contenders);
        for (int pass = 0; pass < warmups + passes; pass++) {
            boolean recorded = pass >= warmups;
            progress.printf("Spring Boot, %s: %s %d of %d%n", workload.title(), recorded ? "pass" : "warm-up",
                    recorded ? pass - warmups + 1 : pass + 1, recorded ? passes : warmups);
            Pass p = new Pass(results, recorded && !schemaOnly, pass == 0);
            if (timeFloor || pass == 0) {
                long start = System.nanoTime();
                p.floor(workload, timeFloor);
                progress.printf("  raw JDBC floor%s: %.1f s%n", timeFloor ? "" : " (schema reference, untimed)",
                        (System.nanoTime() - start) / 1e9);
            }
            for (BootContender contender : rotated(contenders, pass)) {
                long start = System.nanoTime();
                p.app(contender, classpaths.get(contender.id()), jars.get(contender.layout()));
                progress.printf("  %s: %.1f s%n", contender.label(), (System.nanoTime() - start) / 1e9);
            }
            if (sampleJar != null && !schemaOnly) {
                long start = System.nanoTime();
                p.sampleCommands(pass);
                progress.printf("  sample app commands: %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            if (pass == 0 && !results.schemaMismatches().isEmpty()) {
                throw new IllegalStateException("Spring Boot scenario: the schema after the first deploy differs from the raw floor's for "
                        + results.schemaMismatches());
            }
        }
        List<BootContender> restartTarget = contenders.stream().filter(c -> c.id().equals(BootContender.NO_TOOL)
                || c.equals(BootContender.moduleMigrations(1)) || c.equals(BootContender.moduleMigrations(4))).toList();
        if (!schemaOnly && restartRounds > 0 && restartTarget.size() > 1 && restartTarget.get(0).id().equals(BootContender.NO_TOOL)) {
            restartRounds(workload, restartTarget, results, classpaths, jars);
        }
        return results;
    }

    private void restartRounds(Workload workload, List<BootContender> apps, BootResults results, Map<String, String> classpaths,
            Map<BootContender.Layout, Path> jars) throws Exception {
        Map<String, String> databases = new HashMap<>();
        Pass deploy = new Pass(results, false, false);
        Pass restart = new Pass(results, true, false);
        try {
            for (BootContender app : apps) {
                databases.put(app.id(), server.createDatabase());
                deploy.launch(app, classpaths.get(app.id()), jars.get(app.layout()), server.jdbcUrl(databases.get(app.id())),
                        BootResults.Measure.DEPLOY_READY, BootResults.Measure.DEPLOY_PROCESS);
            }
            for (int round = 0; round < restartRounds; round++) {
                progress.printf("Spring Boot, %s: restart round %d of %d%n", workload.title(), round + 1, restartRounds);
                for (BootContender app : rotated(apps, round)) {
                    restart.launch(app, classpaths.get(app.id()), jars.get(app.layout()), server.jdbcUrl(databases.get(app.id())),
                            BootResults.Measure.ROUND_READY, BootResults.Measure.ROUND_PROCESS);
                }
            }
            for (int launch = 0; launch < Math.min(restartRounds, STEP_LAUNCHES); launch++) {
                progress.printf("Spring Boot, %s: restart with startup steps recorded %d of %d%n", workload.title(), launch + 1,
                        Math.min(restartRounds, STEP_LAUNCHES));
                for (BootContender app : rotated(apps, launch)) {
                    restart.steps(app, classpaths.get(app.id()), jars.get(app.layout()), server.jdbcUrl(databases.get(app.id())));
                }
            }
        } finally {
            for (String database : databases.values()) {
                server.dropDatabase(database);
            }
        }
    }

    private String classpath(BootContender contender) throws IOException {
        Path file = appsDir.resolve(contender.module()).resolve("target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No class path for the " + contender.label() + " app: " + file + " is missing. Build the apps"
                    + " with the benchmarks module: ./mvnw -B -pl benchmarks -am verify (the -am builds benchmarks/spring-boot too).");
        }
        return Files.readString(file).strip();
    }

    private static <T> List<T> rotated(List<T> list, int by) {
        List<T> copy = new ArrayList<>(list);
        Collections.rotate(copy, -(by % copy.size()));
        return copy;
    }

    /** One pass. */
    private final class Pass {

        private final BootResults results;
        private final boolean recorded;
        private final boolean keepSchemas;

        Pass(BootResults results, boolean recorded, boolean keepSchemas) {
            this.results = results;
            this.recorded = recorded;
            this.keepSchemas = keepSchemas;
        }

        void floor(Workload workload, boolean timed) throws Exception {
            String database = server.createDatabase();
            try (Target target = Target.open(server.jdbcUrl(database), server.user(), "", workload, null)) {
                long start = System.nanoTime();
                try (Contender.Session session = new RawJdbcFloor().open(target)) {
                    session.migrate();
                }
                if (timed) {
                    record(FLOOR, BootResults.Measure.COLD_APPLY, (System.nanoTime() - start) / 1e6);
                }
                if (keepSchemas) {
                    results.schema(FLOOR, snapshot(target.url()));
                }
            } finally {
                server.dropDatabase(database);
            }
        }

        void app(BootContender contender, String classpath, Path workloadJar) throws Exception {
            String database = server.createDatabase();
            String url = server.jdbcUrl(database);
            try {
                boolean poolStarted = launch(contender, classpath, workloadJar, url, BootResults.Measure.DEPLOY_READY,
                        BootResults.Measure.DEPLOY_PROCESS);
                if (keepSchemas) {
                    results.poolStarted(contender.id(), poolStarted);
                }
                if (keepSchemas && contender.layout() != BootContender.Layout.NONE) {
                    try (Connection c = DriverManager.getConnection(url, server.user(), "")) {
                        results.schema(contender.id(), CatalogSnapshot.of(c));
                        results.historyTables(contender.id(), CatalogSnapshot.historyTables(c));
                    }
                }
                if (schemaOnly) {
                    return;
                }
                launch(contender, classpath, workloadJar, url, BootResults.Measure.RESTART_READY, BootResults.Measure.RESTART_PROCESS);
                if (sampleJar != null && contender.equals(BootContender.moduleMigrations(1))) {
                    List<String> args = arguments(contender, classpath, workloadJar, url, List.of());
                    args.add("db:status");
                    AppProcess status = AppProcess.start(args, null);
                    record(STARTER_STATUS, BootResults.Measure.PROCESS, status.awaitExit() / 1e6);
                }
            } finally {
                server.dropDatabase(database);
            }
        }

        /** Runs the app until it is ready and exits; whether its pool had started when it was ready. */
        private boolean launch(BootContender contender, String classpath, Path workloadJar, String url, BootResults.Measure ready,
                BootResults.Measure process) throws Exception {
            AppProcess app = AppProcess.start(arguments(contender, classpath, workloadJar, url, List.of()), READY_PREFIX);
            app.awaitExit();
            String[] words = readyLine(app, 2);
            record(contender.id(), ready, Double.parseDouble(words[0]));
            record(contender.id(), process, app.marked().nanos() / 1e6);
            return words[1].equals(POOL_STARTED);
        }

        /**
         * Runs the app with Spring's startup steps recorded (not timed: the recording has its cost) and
         * records where its start went: the tool's beans, this starter's engine bean and its
         * properties, and the ready event up to the end of its first listener.
         */
        void steps(BootContender contender, String classpath, Path workloadJar, String url) throws Exception {
            AppProcess app = AppProcess.start(arguments(contender, classpath, workloadJar, url, List.of("-D" + STARTUP_STEPS + "=true")),
                    READY_PREFIX);
            app.awaitExit();
            String[] words = readyLine(app, 7);
            if (!words[2].equals("steps")) {
                throw app.failure("printed no startup steps on its ready line: rebuild the apps with the benchmarks module (-am)");
            }
            BootResults.Measure[] measures = {BootResults.Measure.STEP_BEANS, BootResults.Measure.STEP_ENGINE,
                    BootResults.Measure.STEP_PROPERTIES, BootResults.Measure.STEP_READY};
            for (int i = 0; i < measures.length; i++) {
                String value = words[3 + i];
                long micros = Long.parseLong(value.substring(value.indexOf('=') + 1));
                if (micros < 0) {
                    throw app.failure("recorded its startup steps' end of the runners before its own runner had started the pool ("
                            + value + "): the ready figure would include the pool's start; the app's runner must be ordered before it");
                }
                record(contender.id(), measures[i], micros / 1e3);
            }
        }

        /** The ready line's words: the milliseconds to ready, whether the pool started, and what else was asked for. */
        private String[] readyLine(AppProcess app, int words) {
            String value = app.marked().value();
            String[] split = value.split(" ");
            if (split.length != words || !List.of(POOL_STARTED, POOL_NOT_STARTED).contains(split[1])) {
                throw app.failure("printed a ready line the harness does not know, '" + READY_PREFIX + value
                        + "': rebuild the apps with the benchmarks module (-am)");
            }
            return split;
        }

        private List<String> arguments(BootContender contender, String classpath, Path workloadJar, String url, List<String> jvmOptions) {
            List<String> args = new ArrayList<>();
            String options = System.getenv(APP_OPTIONS);
            if (options != null && !options.isBlank()) {
                args.addAll(List.of(options.trim().split("\\s+")));
            }
            args.addAll(jvmOptions);
            args.addAll(List.of("-cp", classpath + File.pathSeparator + workloadJar, MAIN_CLASS,
                    "--spring.main.web-application-type=none", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + server.user(), "--spring.datasource.password="));
            args.addAll(contender.args());
            return args;
        }

        /** The sample jar's db:status, db:migrate (nothing to do) and web start, on one database, in a rotated order. */
        void sampleCommands(int pass) throws Exception {
            String database = server.createDatabase();
            String url = server.jdbcUrl(database);
            try {
                sample(url, "db:migrate").awaitExit();
                for (String row : rotated(List.of(SAMPLE_STATUS, SAMPLE_MIGRATE, SAMPLE_WEB), pass)) {
                    double millis = switch (row) {
                        case SAMPLE_STATUS -> sample(url, "db:status").awaitExit() / 1e6;
                        case SAMPLE_MIGRATE -> sample(url, "db:migrate").awaitExit() / 1e6;
                        default -> webReady(url);
                    };
                    record(row, BootResults.Measure.PROCESS, millis);
                }
            } finally {
                server.dropDatabase(database);
            }
        }

        private AppProcess sample(String url, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("-jar", sampleJar.toString(), "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + server.user(), "--spring.datasource.password="));
            command.addAll(List.of(args));
            return AppProcess.start(command, null);
        }

        /** Starts the sample jar as a web application; the time until its readiness probe answers UP. */
        private double webReady(String url) throws Exception {
            int port = freePort();
            AppProcess web = sample(url, "--server.port=" + port);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build();
            try {
                while (web.elapsed() < AppProcess.TIMEOUT_SECONDS * 1_000_000_000L) {
                    if (!web.isAlive()) {
                        throw web.failure("exited before its readiness probe answered");
                    }
                    try {
                        HttpResponse<String> response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200 && response.body().contains("UP")) {
                            return web.elapsed() / 1e6;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                    Thread.sleep(10);
                }
                throw web.failure("was not ready within " + AppProcess.TIMEOUT_SECONDS + " s");
            } finally {
                web.stop();
            }
        }

        private void record(String row, BootResults.Measure measure, double millis) {
            if (recorded) {
                results.add(row, measure, millis);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String snapshot(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, server.user(), "")) {
            return CatalogSnapshot.of(c);
        }
    }
}
