package io.modulemigrations.autoconfigure.command;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.util.StringUtils;

/**
 * When the application is launched with a {@code db:*} command ({@code java -jar app.jar db:migrate}),
 * starts no web server, skips the startup migration (the command does the work), prints no banner and
 * makes every bean lazy, so only what the command needs is created: the {@code DataSource}, the
 * engine and the migrations. JPA's {@code EntityManagerFactory} (which would validate a schema that is
 * behind), schedulers and the application's own beans are not. Nothing connects to the database before
 * the command does, so {@code db:create} and {@code db:setup} work while the database does not exist yet.
 */
class CommandModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "moduleMigrationsCommand";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String nonOptionArgs = environment.getProperty(SimpleCommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
        if (nonOptionArgs == null || !MigrationCommands.isCommand(StringUtils.commaDelimitedListToStringArray(nonOptionArgs))) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "spring.main.web-application-type", "none",
                "spring.main.banner-mode", "off",
                "spring.main.lazy-initialization", "true",
                "module-migrations.run-on-startup", "false")));
    }
}
