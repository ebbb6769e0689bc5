package io.modulemigrations.autoconfigure;

import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrateResult;
import io.modulemigrations.ModuleMigrations;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Applies pending migrations when the application is ready ({@code module-migrations.run-on=ready}),
 * then syncs links and runs migration scripts as the options say. Readiness is
 * {@link ReadinessState#REFUSING_TRAFFIC REFUSING_TRAFFIC} while they run and
 * {@link ReadinessState#ACCEPTING_TRAFFIC ACCEPTING_TRAFFIC} after. It runs before the application's
 * own ready listeners, but {@code ApplicationRunner} and {@code CommandLineRunner} beans run earlier
 * still (Spring Boot calls them before the ready event) and see the schema as it was: use
 * {@link MigrationInitializer run-on=initialization} when they need the new one. A failure
 * propagates, so the application stops with the engine's message (what failed, what was left as it
 * was, what to do) and a non-zero exit code.
 * <p>
 * Most starts have nothing to apply. So that they do not wait for the database at the ready event,
 * this bean asks the engine whether migrate has anything to do ({@link ModuleMigrations#upToDate}, a
 * read that changes nothing) on a thread of its own as soon as it is created, while the context goes
 * on refreshing. The ready event waits for that answer and migrates only when there is something to
 * do; when the early read failed, it migrates as well, and migrate reports what is wrong. Its connection
 * comes from the application's pool, which {@link EarlyPoolStart} usually has started off the main thread
 * when the {@code DataSource} bean was created (else the read starts it); the read builds the engine's
 * internals, which creating the {@link ModuleMigrations} bean leaves to the first operation.
 */
public class MigrationRunner implements ApplicationListener<ApplicationReadyEvent>, Ordered, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    /** The thread that reads whether migrate has anything to do, while the context refreshes. */
    static final String CHECK_THREAD = "module-migrations-check";

    private final ModuleMigrations migrations;
    private final MigrateOptions options;
    private final boolean enabled;

    private @Nullable Thread checkThread;
    private @Nullable FutureTask<Optional<MigrateResult>> check;

    public MigrationRunner(ModuleMigrations migrations, MigrateOptions options) {
        this(migrations, options, true);
    }

    /**
     * @param enabled false to do nothing: {@code module-migrations.run-on-startup=false} at run time,
     * in an AOT-processed application whose build-time conditions created this bean anyway
     */
    MigrationRunner(ModuleMigrations migrations, MigrateOptions options, boolean enabled) {
        this.migrations = migrations;
        this.options = options;
        this.enabled = enabled;
    }

    /** How startup runs migrate: concurrency, all-or-nothing, links and scripts from the properties. */
    public MigrateOptions options() {
        return this.options;
    }

    @Override
    public void afterPropertiesSet() {
        if (!this.enabled) {
            return;
        }
        ModuleMigrations engine = this.migrations;
        MigrateOptions startup = this.options;
        FutureTask<Optional<MigrateResult>> task = new FutureTask<>(() -> engine.upToDate(startup));
        Thread thread = new Thread(task, CHECK_THREAD);
        thread.setDaemon(true);
        this.check = task;
        this.checkThread = thread;
        thread.start();
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!this.enabled) {
            return;
        }
        // Readiness is REFUSING_TRAFFIC until Spring Boot accepts traffic after the ready event: waiting here is behind it too.
        boolean upToDate = upToDate();
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
        if (!upToDate) {
            StartupMigration.apply(this.migrations, this.options);
        }
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
    }

    /** The early read's answer, once: true when migrate has nothing to do; false when it has, or the read failed. */
    private boolean upToDate() {
        FutureTask<Optional<MigrateResult>> task = this.check;
        this.check = null;
        if (task == null) {
            return false;
        }
        try {
            return task.get().isPresent();
        } catch (ExecutionException e) {
            log.debug("Reading whether migrations are pending failed while the application started; migrating now: {}", String.valueOf(e.getCause()));
            return false;
        } catch (InterruptedException e) {
            // Migrate meets the interrupt at its first wait and says what it left as it was.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the early read when the context closes before it is ready, so that no thread of ours outlives
     * the DataSource; a connection attempt under way ends within the connect timeout.
     */
    @Override
    public void destroy() throws InterruptedException {
        Thread thread = this.checkThread;
        if (thread != null && thread.isAlive()) {
            thread.interrupt();
            thread.join();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
