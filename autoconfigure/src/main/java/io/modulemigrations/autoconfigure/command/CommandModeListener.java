package io.modulemigrations.autoconfigure.command;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * Runs the {@code db:*} command the application was launched with, then closes the application and
 * exits the JVM with the command's exit code.
 * <ul>
 * <li>Before the context refreshes, it replaces the context's lifecycle processor with one that starts
 * nothing, so no {@code SmartLifecycle} bean (schedulers, message listener containers, servers) starts.</li>
 * <li>Unless the command is {@code db:generate}, it leaves JPA out (see {@link NoJpaBootstrap}): no
 * command uses the {@code EntityManagerFactory} or Spring Data repositories, and Spring would build
 * them even in a lazy context.</li>
 * <li>The command runs on {@link ApplicationStartedEvent}, after the (lazy) context has refreshed and
 * before Spring Boot calls {@code ApplicationRunner} and {@code CommandLineRunner} beans, which therefore
 * never run; an interactive shell never starts either.</li>
 * <li>The JVM then exits through {@link SpringApplication#exit}, which closes the context, publishes the
 * exit code and consults {@code ExitCodeGenerator} beans. Spring Boot offers no way to end {@code run()}
 * with a chosen code and skip the runners without it, so the command ends the process itself.</li>
 * </ul>
 * Questions are asked only on a terminal; otherwise the command never waits for input.
 */
class CommandModeListener implements SmartApplicationListener {

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationStartedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared && CommandArguments.command(prepared.getArgs()) != null) {
            ConfigurableApplicationContext context = prepared.getApplicationContext();
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            if (!beanFactory.containsSingleton(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)) {
                beanFactory.registerSingleton(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, new StartNothing());
            }
            if (!GenerateCommand.COMMAND.equals(CommandArguments.command(prepared.getArgs()))) {
                context.addBeanFactoryPostProcessor(new NoJpaBootstrap());
            }
        } else if (event instanceof ApplicationStartedEvent started && CommandArguments.command(started.getArgs()) != null) {
            run(started.getArgs(), started.getApplicationContext());
        }
    }

    private static void run(String[] args, ConfigurableApplicationContext context) {
        PrintWriter out = new PrintWriter(CommandOutput.stdout(), true);
        PrintWriter err = new PrintWriter(System.err, true);
        MigrationCommands commands = context.getBeanProvider(MigrationCommands.class).getIfAvailable();
        int code;
        if (commands == null) {
            err.println("Cannot run " + String.join(" ", args) + ": Module Migrations is not active in this application"
                    + " (module-migrations.enabled=false, or no DataSource). Nothing was changed.");
            code = MigrationCommands.FAILURE;
        } else {
            code = commands.run(List.of(args), out, err, Prompt.terminal());
        }
        int exitCode = code;
        out.flush();
        System.exit(SpringApplication.exit(context, () -> exitCode));
    }

    /** A lifecycle processor for command mode: a command runs and exits, so nothing is started. */
    private static final class StartNothing implements LifecycleProcessor {

        private boolean running;

        @Override
        public void onRefresh() {
            this.running = true;
        }

        @Override
        public void onClose() {
            this.running = false;
        }

        @Override
        public void start() {
            this.running = true;
        }

        @Override
        public void stop() {
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }
    }
}
