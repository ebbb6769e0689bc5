package io.modulemigrations.autoconfigure.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.aot.AotDetector;
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
 * engine and the migrations. Schedulers and the application's own beans are not. JPA's
 * {@code EntityManagerFactory}, which Spring would create even so, is left out by
 * {@link CommandModeListener} for every command but {@code db:generate}; where it is created, it
 * neither validates nor changes the schema ({@code ddl-auto} and Hibernate's
 * schema action are {@code none}) nor reads JDBC metadata (PostgreSQL's dialect unless one is set):
 * a schema that is behind its entities, which is what {@code db:migrate} and {@code db:generate} are
 * for, does not stop the command, and nothing connects to the database before the command does, so
 * {@code db:create} and {@code db:setup} work while the database does not exist yet.
 */
class CommandModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "moduleMigrationsCommand";

    /** Application contexts a command runs in (their warning on a failed refresh is logged under their class name). */
    private static final String[] CONTEXT_CLASSES = {"org.springframework.context.annotation.AnnotationConfigApplicationContext",
            "org.springframework.context.support.GenericApplicationContext",
            "org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext",
            "org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext"};

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String nonOptionArgs = environment.getProperty(SimpleCommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
        if (nonOptionArgs == null || CommandArguments.command(StringUtils.commaDelimitedListToStringArray(nonOptionArgs)) == null) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (AotDetector.useGeneratedArtifacts()) {
            // The context's type and beans were fixed at build time: keep them, but open no port.
            properties.put("server.port", "-1");
        } else {
            properties.put("spring.main.web-application-type", "none");
        }
        properties.put("spring.main.banner-mode", "off");
        // A failure while the context refreshes is reported once, by the failure analysis; the
        // context's own warning would print the same message again.
        for (String context : CONTEXT_CLASSES) {
            properties.putIfAbsent("logging.level." + context, "error");
        }
        properties.put("spring.main.lazy-initialization", "true");
        properties.put("module-migrations.run-on-startup", "false");
        properties.put("module-migrations.commands.enabled", "true");
        properties.put("spring.jpa.hibernate.ddl-auto", "none");
        properties.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
        properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
        properties.put("spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access", "false");
        if (!environment.containsProperty("spring.jpa.database-platform")
                && !environment.containsProperty("spring.jpa.properties.hibernate.dialect")) {
            properties.put("spring.jpa.properties.hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        CommandOutput.reserve();
    }
}
