package io.modulemigrations.autoconfigure.command;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the {@code db:*} command the application was launched with, then closes the application and
 * exits the JVM with the command's exit code. Runs before any {@code ApplicationRunner}, so an
 * interactive shell never starts in command mode. Questions are asked only on a terminal; otherwise
 * the command never waits for input.
 */
class CommandModeListener implements ApplicationListener<ApplicationStartedEvent> {

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        String[] args = event.getArgs();
        if (!MigrationCommands.isCommand(args)) {
            return;
        }
        ConfigurableApplicationContext context = event.getApplicationContext();
        PrintWriter out = new PrintWriter(System.out, true);
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
        System.exit(SpringApplication.exit(context, () -> exitCode));
    }
}
