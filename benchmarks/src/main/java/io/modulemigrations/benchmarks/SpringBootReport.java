package io.modulemigrations.benchmarks;

import io.modulemigrations.benchmarks.BootResults.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Spring Boot scenario as Markdown: per part (workload), the apps' table and the commands' table; then the targets. */
final class SpringBootReport {

    private SpringBootReport() {
    }

    /** One section per part (each workload the scenario ran), then one table of the targets over all parts. */
    static String markdown(List<BootResults> parts) {
        StringBuilder md = new StringBuilder();
        List<Targets.Verdict> verdicts = new ArrayList<>();
        for (BootResults part : parts) {
            section(md, part);
            verdicts.addAll(verdicts(part));
        }
        md.append("| target (issue 13) | measured | met |\n|---|---|---|\n");
        verdicts.forEach(v -> md.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
                .append(v.metCell()).append(" |\n"));
        return md.append('\n').toString();
    }

    private static void section(StringBuilder md, BootResults results) {
        md.append("## Spring Boot 4.1 apps, ").append(results.workload().title()).append("\n\n");
        md.append("Each app in a fresh JVM on its own class path (only its tool), no web server; *ready* is taken from the JVM's")
                .append(" start to the last `ApplicationReadyEvent` listener (after this starter's migrations, `run-on=ready`);")
                .append(" *process* from starting `java` to that line. Median (min–max).")
                .append(" Every app takes one connection from its pool and returns it before it is ready, as an application that reads")
                .append(" its database at start does (Spring Boot starts the pool lazily): *over no tool* is over the app without a")
                .append(" migration tool that does so, so the first connection (driver, connect), which no migration tool avoids, is on")
                .append(" both sides. The app that never touches its database is shown for reference only.\n\n");
        if (results.workload().spec().equals(SpringBootScenario.TEN_THOUSAND)) {
            md.append("At 10,000 migrations only the app without a tool and this starter run: Flyway, Liquibase and Spring Modulith")
                    .append(" would take minutes per first deploy at this size (about 10 s each at 1,000). The first deploy is shown")
                    .append(" but has no target here; the target is the restart's.\n\n");
        }
        md.append("| app | restart, everything applied: ready, ms | over no tool | process, ms"
                + " | first deploy, empty database: ready, ms | over no tool | process, ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (BootContender c : results.contenders()) {
            md.append("| ").append(c.label())
                    .append(" | ").append(cell(results, c.id(), Measure.RESTART_READY))
                    .append(" | ").append(overNoTool(results, c.id(), Measure.RESTART_READY))
                    .append(" | ").append(cell(results, c.id(), Measure.RESTART_PROCESS))
                    .append(" | ").append(cell(results, c.id(), Measure.DEPLOY_READY))
                    .append(" | ").append(overNoTool(results, c.id(), Measure.DEPLOY_READY))
                    .append(" | ").append(cell(results, c.id(), Measure.DEPLOY_PROCESS))
                    .append(" |\n");
        }
        rounds(md, results);
        if (results.summary(SpringBootScenario.FLOOR, Measure.COLD_APPLY).isPresent()) {
            md.append("\nRaw JDBC floor, cold apply in the harness JVM (same passes): ")
                    .append(cell(results, SpringBootScenario.FLOOR, Measure.COLD_APPLY)).append(" ms\n\n");
        } else {
            md.append("\nRaw JDBC floor: not timed at this size (it applies the workload once, in the first pass, as the reference")
                    .append(" for the schema check).\n\n");
        }
        if (results.summary(SpringBootScenario.SAMPLE_WEB, Measure.PROCESS).isPresent()) {
            md.append("| command (whole process, `java -jar`) | ms | share of the web start |\n|---|---:|---:|\n");
            command(md, results, "sample app: web application ready (readiness UP)", SpringBootScenario.SAMPLE_WEB, SpringBootScenario.SAMPLE_WEB);
            command(md, results, "sample app: `db:status`", SpringBootScenario.SAMPLE_STATUS, SpringBootScenario.SAMPLE_WEB);
            command(md, results, "sample app: `db:migrate`, nothing to do", SpringBootScenario.SAMPLE_MIGRATE, SpringBootScenario.SAMPLE_WEB);
            md.append("| this starter's benchmark app, ").append(String.format(Locale.ROOT, "%,d", results.workload().size()))
                    .append(" applied: `db:status` (vs its restart to ready, process) | ")
                    .append(cell(results, SpringBootScenario.STARTER_STATUS, Measure.PROCESS)).append(" | ")
                    .append(share(results, SpringBootScenario.STARTER_STATUS, Measure.PROCESS, BootContender.moduleMigrations(1).id(),
                            Measure.RESTART_PROCESS))
                    .append(" |\n\n");
        }
    }

    private static void rounds(StringBuilder md, BootResults results) {
        Optional<Summary> noTool = results.summary(BootContender.NO_TOOL, Measure.ROUND_READY);
        if (noTool.isEmpty()) {
            return;
        }
        int rounds = results.sampleCount(BootContender.NO_TOOL, Measure.ROUND_READY);
        md.append("\nRestart, ").append(rounds).append(" rounds after the passes: the app without a tool and this starter's, each on a")
                .append(" database its first deploy migrated, restarted once per round in an order rotated by one per round, so that")
                .append(" the launches compared are seconds apart. *Over no tool, by round* is the median (min–max) of the")
                .append(" rounds' differences and, from 6 rounds, the 95% confidence interval of that median (distribution-free);")
                .append(" a restart target is met when the whole interval is within it, and undecided when the interval spans it.\n\n");
        md.append("| app | restart, everything applied: ready, ms | over no tool, by round | process, ms |\n|---|---:|---:|---:|\n");
        for (BootContender c : results.contenders()) {
            if (results.summary(c.id(), Measure.ROUND_READY).isEmpty()) {
                continue;
            }
            row(md, c.label(), cell(results, c.id(), Measure.ROUND_READY), overNoToolByRound(results, c.id()),
                    cell(results, c.id(), Measure.ROUND_PROCESS));
        }
        steps(md, results);
    }

    /** The rounds' differences over the no-tool app: median (min to max) and, from 6 rounds, the median's 95% interval. */
    private static String overNoToolByRound(BootResults results, String row) {
        if (row.equals(BootContender.NO_TOOL)) {
            return "—";
        }
        List<Double> differences = results.roundDifferences(row, BootContender.NO_TOOL);
        if (differences.isEmpty()) {
            return "–";
        }
        Summary d = Summary.of(differences);
        String interval = MedianInterval.of95(differences).map(i -> "; 95%: " + signed(i.low()) + " to " + signed(i.high())).orElse("");
        return signed(d.median()) + " (" + signed(d.min()) + " to " + signed(d.max()) + ")" + interval;
    }

    private static void row(StringBuilder md, String label, String... cells) {
        md.append("| ").append(label);
        for (String cell : cells) {
            md.append(" | ").append(cell);
        }
        md.append(" |\n");
    }

    /** Where a restart's time went, from the launches with Spring's startup steps recorded. */
    private static void steps(StringBuilder md, BootResults results) {
        int launches = results.sampleCount(BootContender.moduleMigrations(1).id(), Measure.STEP_BEANS);
        if (launches == 0) {
            return;
        }
        md.append("\nWhere a restart's time goes: ").append(launches).append(" more restarts of each app with Spring's startup steps")
                .append(" recorded (`BufferingApplicationStartup`; not timed, the recording has its own cost), median (min–max), ms.")
                .append(" *Beans*: creating the tool's beans, what they need included; *engine bean*: this starter's engine")
                .append(" (its properties, configuration and the loading of the migrations); *properties*: binding this starter's")
                .append(" properties; *ready*: from the last application runner to the end of the first ready listener, where this")
                .append(" starter's `run-on=ready` migration runs (the no-tool app's is the event's own cost).\n\n");
        md.append("| app | beans | engine bean | properties | ready |\n|---|---:|---:|---:|---:|\n");
        for (BootContender c : results.contenders()) {
            if (results.summary(c.id(), Measure.STEP_BEANS).isEmpty()) {
                continue;
            }
            row(md, c.label(), cell(results, c.id(), Measure.STEP_BEANS), cell(results, c.id(), Measure.STEP_ENGINE),
                    cell(results, c.id(), Measure.STEP_PROPERTIES), cell(results, c.id(), Measure.STEP_READY));
        }
    }

    private static String signed(double millis) {
        return String.format(Locale.ROOT, "%+,.0f", millis);
    }

    /**
     * The restart target from the rounds' differences: met when the whole 95% interval of their median
     * is within the limit, not met when the whole interval is over it, undecided when it spans the
     * limit (the run cannot tell; more rounds can). Too few rounds for an interval: the median decides.
     */
    static Targets.Verdict roundsVerdict(String target, List<Double> samples, double limit) {
        Summary differences = Summary.of(samples);
        String measured = String.format(Locale.ROOT, "%s ms, median of %d rounds' differences (%s to %s)", signed(differences.median()),
                samples.size(), signed(differences.min()), signed(differences.max()));
        Optional<MedianInterval> interval = MedianInterval.of95(samples);
        if (interval.isEmpty()) {
            return new Targets.Verdict(target, measured + "; too few rounds for an interval", differences.median() <= limit);
        }
        MedianInterval i = interval.get();
        measured += String.format(Locale.ROOT, "; 95%% interval of the median %s to %s", signed(i.low()), signed(i.high()));
        if (i.high() <= limit) {
            return new Targets.Verdict(target, measured, true);
        }
        if (i.low() > limit) {
            return new Targets.Verdict(target, measured, false);
        }
        return Targets.Verdict.undecided(target, measured);
    }

    /** Issue 13's limit on a restart over the no-tool app: +150 ms at 10,000 migrations and more, +50 ms below. */
    static double restartLimitMillis(int migrations) {
        return migrations >= 10_000 ? 150 : 50;
    }

    /** The targets for the scenario, for each concurrency of this starter. */
    static List<Targets.Verdict> verdicts(BootResults results) {
        List<Targets.Verdict> verdicts = new ArrayList<>();
        String size = String.format(Locale.ROOT, "%,d", results.workload().size());
        Optional<Summary> noToolRestart = results.summary(BootContender.NO_TOOL, Measure.RESTART_READY);
        Optional<Summary> noToolDeploy = results.summary(BootContender.NO_TOOL, Measure.DEPLOY_READY);
        Optional<Summary> floor = results.summary(SpringBootScenario.FLOOR, Measure.COLD_APPLY);
        double restartLimit = restartLimitMillis(results.workload().size());
        for (int concurrency : new int[] {1, 4}) {
            String id = BootContender.moduleMigrations(concurrency).id();
            String target = "restart with " + size + " applied, concurrency " + concurrency
                    + String.format(Locale.ROOT, ": ≤ +%.0f ms over no tool (both take a connection at start)", restartLimit);
            List<Double> byRound = results.roundDifferences(id, BootContender.NO_TOOL);
            Optional<Summary> restart = results.summary(id, Measure.RESTART_READY);
            if (!byRound.isEmpty()) {
                verdicts.add(roundsVerdict(target, byRound, restartLimit));
            } else if (restart.isPresent() && noToolRestart.isPresent()) {
                double over = restart.get().median() - noToolRestart.get().median();
                verdicts.add(new Targets.Verdict(target, String.format(Locale.ROOT, "%+,.0f ms (%s vs %s ms)", over,
                        Report.millis(restart.get().median()), Report.millis(noToolRestart.get().median())), over <= restartLimit));
            }
            Optional<Summary> deploy = results.summary(id, Measure.DEPLOY_READY);
            if (deploy.isPresent() && noToolDeploy.isPresent() && floor.isPresent()) {
                double limit = 1.2 * (noToolDeploy.get().median() + floor.get().median());
                verdicts.add(new Targets.Verdict("first deploy of " + size + ", concurrency " + concurrency
                        + ": ≤ 1.2 × (no-tool start + raw floor cold apply)",
                        String.format(Locale.ROOT, "%s ms vs limit %s ms (1.2 × (%s + %s))", Report.millis(deploy.get().median()),
                                Report.millis(limit), Report.millis(noToolDeploy.get().median()), Report.millis(floor.get().median())),
                        deploy.get().median() <= limit));
            }
            Optional<Summary> rawApp = results.summary(BootContender.RAW_JDBC, Measure.DEPLOY_READY);
            if (deploy.isPresent() && rawApp.isPresent()) {
                double limit = 1.2 * rawApp.get().median();
                verdicts.add(new Targets.Verdict("first deploy of " + size + ", concurrency " + concurrency
                        + ": ≤ 1.2 × the no-tool app applying the raw floor when ready (the same sum, in the same kind of fresh JVM)",
                        String.format(Locale.ROOT, "%s ms vs limit %s ms (1.2 × %s): %.2f× that app", Report.millis(deploy.get().median()),
                                Report.millis(limit), Report.millis(rawApp.get().median()), deploy.get().median() / rawApp.get().median()),
                        deploy.get().median() <= limit));
            }
        }
        for (String[] command : new String[][] {{SpringBootScenario.SAMPLE_STATUS, "`db:status`"},
                {SpringBootScenario.SAMPLE_MIGRATE, "`db:migrate` with nothing to do"}}) {
            Optional<Summary> ours = results.summary(command[0], Measure.PROCESS);
            Optional<Summary> web = results.summary(SpringBootScenario.SAMPLE_WEB, Measure.PROCESS);
            if (ours.isPresent() && web.isPresent()) {
                double share = ours.get().median() / web.get().median();
                verdicts.add(new Targets.Verdict("sample jar " + command[1] + " ≤ 50% of its web start to ready",
                        String.format(Locale.ROOT, "%.0f%% (%s vs %s ms)", 100 * share, Report.millis(ours.get().median()),
                                Report.millis(web.get().median())), share <= 0.5));
            }
        }
        return verdicts;
    }

    private static void command(StringBuilder md, BootResults results, String label, String row, String webRow) {
        md.append("| ").append(label).append(" | ").append(cell(results, row, Measure.PROCESS)).append(" | ")
                .append(share(results, row, Measure.PROCESS, webRow, Measure.PROCESS)).append(" |\n");
    }

    private static String share(BootResults results, String row, Measure measure, String baseRow, Measure baseMeasure) {
        Optional<Summary> ours = results.summary(row, measure);
        Optional<Summary> base = results.summary(baseRow, baseMeasure);
        if (ours.isEmpty() || base.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f%%", 100 * ours.get().median() / base.get().median());
    }

    private static String cell(BootResults results, String row, Measure measure) {
        return results.summary(row, measure)
                .map(s -> Report.millis(s.median()) + " (" + Report.millis(s.min()) + "–" + Report.millis(s.max()) + ")").orElse("–");
    }

    private static String overNoTool(BootResults results, String row, Measure measure) {
        if (row.equals(BootContender.NO_TOOL)) {
            return "—";
        }
        Optional<Summary> ours = results.summary(row, measure);
        Optional<Summary> none = results.summary(BootContender.NO_TOOL, measure);
        if (ours.isEmpty() || none.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+,.0f", ours.get().median() - none.get().median());
    }
}
