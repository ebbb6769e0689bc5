package io.modulemigrations.benchmarks.boot;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.metrics.StartupStep;

/**
 * With {@value #PROPERTY} set (a JVM system property), records Spring's startup steps and adds to
 * the ready line where a migration tool's start went: {@code beans} (creating the tool's beans, what
 * they need included), {@code engine} (this starter's engine bean: its configuration, properties and
 * the loading of migrations), {@code properties} (binding this starter's properties) and
 * {@code ready} (from the last application runner to the end of the first ready listener, where
 * this starter migrates with {@code run-on=ready}), in microseconds. Not for timed launches: the
 * recording has its own cost.
 */
final class StartupSteps {

    /** The system property that turns the recording on. */
    static final String PROPERTY = "bench.startup-steps";

    private final BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
    private long lastRunner;
    private boolean poolStartedBeforeLastRunner;
    private long firstReadyListenerDone;

    /** Records the application's steps, when asked to; null otherwise. */
    static StartupSteps install(SpringApplication application) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return null;
        }
        StartupSteps steps = new StartupSteps();
        application.setApplicationStartup(steps.startup);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("benchLastRunner", steps.new LastRunner(context)));
        application.addListeners(steps.new AfterFirstReadyListener());
        return steps;
    }

    /** The ready line's addition: {@code steps beans=… engine=… properties=… ready=…}. */
    String summary() {
        Map<StartupTimeline.TimelineEvent, String> beanSteps = new LinkedHashMap<>();
        Set<Long> tools = new HashSet<>();
        for (StartupTimeline.TimelineEvent event : startup.getBufferedTimeline().getEvents()) {
            StartupStep step = event.getStartupStep();
            if ("spring.beans.instantiate".equals(step.getName())) {
                String bean = tags(step);
                beanSteps.put(event, bean);
                if (bean.contains("modulemigration") || bean.contains("beanname=migrationrunner,")) {
                    tools.add(step.getId());
                }
            }
        }
        long beans = 0;
        long engine = 0;
        long properties = 0;
        // A step is buffered when it ends, after the steps nested in it: the tools' steps are known first, then summed.
        for (Map.Entry<StartupTimeline.TimelineEvent, String> entry : beanSteps.entrySet()) {
            StartupStep step = entry.getKey().getStartupStep();
            String bean = entry.getValue();
            long micros = entry.getKey().getDuration().toNanos() / 1_000;
            if (bean.contains("beanname=modulemigrations,")) {
                engine += micros;
            }
            if (bean.contains("modulemigrationsproperties")) {
                properties += micros;
            }
            if (tools.contains(step.getId()) && (step.getParentId() == null || !tools.contains(step.getParentId()))) {
                beans += micros;
            }
        }
        // -1: the marker ran before the runner that starts the pool, so the figure would include the pool's start.
        long ready = poolStartedBeforeLastRunner ? (firstReadyListenerDone - lastRunner) / 1_000 : -1;
        return String.format(Locale.ROOT, "steps beans=%d engine=%d properties=%d ready=%d", beans, engine, properties, ready);
    }

    private static String tags(StartupStep step) {
        StringBuilder tags = new StringBuilder();
        for (StartupStep.Tag tag : step.getTags()) {
            tags.append(tag.getKey()).append('=').append(tag.getValue()).append(',');
        }
        return tags.toString().toLowerCase(Locale.ROOT);
    }

    /** Runs last among the runners (the app's own is ordered before it): the ready event comes next. */
    private final class LastRunner implements ApplicationRunner, Ordered {

        private final ConfigurableApplicationContext context;

        LastRunner(ConfigurableApplicationContext context) {
            this.context = context;
        }

        @Override
        public void run(ApplicationArguments args) {
            lastRunner = System.nanoTime();
            DataSource dataSource = context.getBeanProvider(DataSource.class).getIfAvailable();
            poolStartedBeforeLastRunner = !context.getEnvironment().getProperty(BenchApplication.OPEN_POOL, Boolean.class, true)
                    || dataSource instanceof HikariDataSource hikari && hikari.isRunning();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Runs right after the first ready listener (this starter's {@code run-on=ready} migration). */
    private final class AfterFirstReadyListener implements ApplicationListener<ApplicationReadyEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            firstReadyListenerDone = System.nanoTime();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 1;
        }
    }
}
