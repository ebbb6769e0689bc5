package io.modulemigrations.autoconfigure;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.net.InetAddress;
import org.springframework.util.StringUtils;
import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.command.DatabaseSetup;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.command.ShellCommandsConfiguration;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.Migration;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.autoconfigure.generate.EntityClasses;
import io.modulemigrations.autoconfigure.generate.EntityMapping;
import io.modulemigrations.autoconfigure.generate.EntityModel;
import io.modulemigrations.autoconfigure.generate.EntityModuleResolver;
import io.modulemigrations.autoconfigure.generate.JpaSettings;
import io.modulemigrations.autoconfigure.generate.MigrationGenerator;
import io.modulemigrations.autoconfigure.generate.ModuleEntities;
import io.modulemigrations.autoconfigure.generate.ShadowDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.Assert;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Module Migrations: the engine, loaded with
 * the application's {@code @ModuleMigration} beans, SQL files, {@link ModuleLink} and
 * {@link MigrationScript} beans; the startup {@link MigrationRunner}; the {@code db:*} commands where they can run. Backs off without a {@code DataSource} (or {@code module-migrations.url})
 * and with {@code module-migrations.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(ModuleMigrations.class)
@Conditional(ModuleMigrationsAutoConfiguration.MigrationDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "module-migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ModuleMigrationsProperties.class)
@Import(ModuleMigrationRegistrar.class)
@ImportRuntimeHints(ModuleMigrationsRuntimeHints.class)
public final class ModuleMigrationsAutoConfiguration {

    /** Environment variable giving the default concurrency, as in Medusa. */
    static final String CONCURRENCY_VARIABLE = "DB_MIGRATION_CONCURRENCY";

    @Bean
    @ConditionalOnMissingBean
    ModuleMigrations moduleMigrations(ModuleMigrationsProperties properties, Environment environment,
            ObjectProvider<DataSource> dataSource, ResourceLoader resourceLoader, ObjectProvider<Migration> migrations,
            ObjectProvider<MigrationScript> scripts, ObjectProvider<ModuleLink> links,
            ObjectProvider<MigrationListener> listeners, ObjectProvider<ModuleMigrationsConfigurationCustomizer> customizers) {
        FluentConfiguration configuration = ModuleMigrations.configure()
                .dataSource(migrationDataSource(properties, dataSource.getIfUnique()));
        configuration.classLoader(resourceLoader.getClassLoader())
                .sqlMigrationSource(new SpringSqlMigrationSource(resourceLoader))
                .javaMigrations(migrations.orderedStream().toList())
                .scripts(scripts.orderedStream().toList())
                .links(links.orderedStream().toList())
                .locations(properties.getLocations().toArray(new String[0]))
                .table(properties.getTable())
                .concurrency(concurrency(properties, environment))
                .allOrNothing(properties.isAllOrNothing())
                .lockWaitTimeout(properties.getLockWaitTimeout())
                .connectTimeout(properties.getConnectTimeout())
                .lockRetries(properties.getLockRetries())
                .validateChecksums(properties.isValidateChecksums())
                // Startup migrates, and so discovers and validates (failing the start on a problem), unless the
                // code and the history are as a check of this very code found them: a restart then reads no migration.
                .discoverWhenNeeded(properties.isRunOnStartup())
                .applicationName(applicationName(environment));
        // Plain statements, not PropertyMapper and method references: each lambda here would be a class
        // generated while the application starts, on every start.
        String schema = properties.getSchema();
        if (schema != null) {
            configuration.schema(schema);
        }
        Duration lockTimeout = properties.getLockTimeout();
        if (lockTimeout != null) {
            configuration.lockTimeout(lockTimeout);
        }
        Duration statementTimeout = properties.getStatementTimeout();
        if (statementTimeout != null) {
            configuration.statementTimeout(statementTimeout);
        }
        for (Map.Entry<String, ModuleMigrationsProperties.Module> module : properties.getModules().entrySet()) {
            // A module may be configured for its entity packages alone, before it has migrations.
            List<String> dependsOn = module.getValue().getDependsOn();
            if (!dependsOn.isEmpty()) {
                configuration.dependsOn(module.getKey(), dependsOn.toArray(new String[0]));
            }
        }
        for (MigrationListener listener : listeners.orderedStream().toList()) {
            configuration.listener(listener);
        }
        for (ModuleMigrationsConfigurationCustomizer customizer : customizers.orderedStream().toList()) {
            customizer.customize(configuration);
        }
        return configuration.load();
    }

    /** Startup migrations during context refresh, before the beans that depend on database initialization. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "module-migrations.run-on-startup", matchIfMissing = true)
    @Conditional(RunOnCondition.Initialization.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static final class InitializationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MigrationInitializer moduleMigrationsInitializer(ModuleMigrations migrations,
                ModuleMigrationsProperties properties, Environment environment) {
            // Checked again here: AOT decides the condition above at build time, command mode turns it off at run time.
            return new MigrationInitializer(migrations, migrateOptions(properties, environment), properties.isRunOnStartup());
        }
    }

    /** Startup migrations once the application is ready, behind readiness. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "module-migrations.run-on-startup", matchIfMissing = true)
    @Conditional(RunOnCondition.Ready.class)
    static final class ReadyConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MigrationRunner migrationRunner(ModuleMigrations migrations, ModuleMigrationsProperties properties,
                Environment environment) {
            // Checked again here, as for the initializer: a command's start reads nothing ahead.
            return new MigrationRunner(migrations, migrateOptions(properties, environment), properties.isRunOnStartup());
        }

        @Bean
        static EarlyPoolStart moduleMigrationsEarlyPoolStart(Environment environment) {
            return new EarlyPoolStart(environment);
        }
    }

    @Bean
    SchemaManagerConflicts moduleMigrationsSchemaManagerConflicts(ListableBeanFactory beanFactory, Environment environment) {
        return new SchemaManagerConflicts(beanFactory, environment);
    }

    /**
     * The db:* commands and what only they use, defined when the application can run them
     * ({@link CommandsCondition}); lazy, so that a start without a command creates none of it.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(CommandsCondition.class)
    @Import(ShellCommandsConfiguration.class)
    static final class CommandsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @Lazy
        DatabaseSetup databaseSetup(ModuleMigrationsProperties properties, ObjectProvider<DataSource> dataSource,
                ResourceLoader resourceLoader) {
            return new DatabaseSetup(migrationDataSource(properties, dataSource.getIfUnique()), resourceLoader,
                    properties.getSeedLocation());
        }

        @Bean
        @ConditionalOnMissingBean
        @Lazy
        MigrationCommands migrationCommands(ModuleMigrations migrations, ModuleMigrationsProperties properties,
                Environment environment, DatabaseSetup setup, ObjectProvider<MigrationGenerator> generator) {
            return new MigrationCommands(migrations, migrateOptions(properties, environment), setup, generator::getIfAvailable,
                    Path.of(properties.getGenerate().getOutputDir()), properties.getLint());
        }

        @Bean
        @ConditionalOnMissingBean
        @Lazy
        MigrationGenerator migrationGenerator(ModuleMigrations migrations, ModuleMigrationsProperties properties,
                ObjectProvider<DataSource> dataSource, ApplicationContext context, ObjectProvider<EntityModel.Factory> models,
                ObjectProvider<EntityModuleResolver> resolver) {
            boolean jpa = ClassUtils.isPresent("jakarta.persistence.Entity", context.getClassLoader())
                    && ClassUtils.isPresent("org.springframework.boot.persistence.autoconfigure.EntityScanner", context.getClassLoader());
            Map<String, List<String>> packages = new LinkedHashMap<>();
            properties.getModules().forEach((module, settings) -> packages.put(module, settings.getPackages()));
            ModuleEntities entities = jpa ? EntityClasses.byModule(context, packages, resolver.getIfAvailable(() -> entity -> null)) : ModuleEntities.of(List.of(), null, packages);
            List<Class<?>> otherTypes = jpa ? EntityClasses.otherManagedTypes(context) : List.of();
            Supplier<ShadowDatabase> shadows = () -> {
                SimpleDriverDataSource server = DataSourceBuilder.derivedFrom(migrationDataSource(properties, dataSource.getIfUnique()))
                        .type(SimpleDriverDataSource.class).build();
                return ShadowDatabase.open(server.getUrl(), server.getUsername(), server.getPassword(),
                        properties.getGenerate().getShadowUrl());
            };
            return new MigrationGenerator(migrations, entities, otherTypes, models.getIfAvailable(), shadows, properties.getSchema(),
                    properties.getTable());
        }

        /** Maps JPA entities to DDL with Hibernate and the application's JPA settings, for db:generate. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = { "org.hibernate.boot.MetadataSources",
                "org.springframework.boot.hibernate.autoconfigure.HibernateProperties" })
        static final class HibernateEntityModelConfiguration {

            @Bean
            @ConditionalOnMissingBean
            @Lazy
            EntityModel.Factory moduleMigrationsEntityModels(Environment environment,
                    ObjectProvider<PhysicalNamingStrategy> physical, ObjectProvider<ImplicitNamingStrategy> implicit,
                    ObjectProvider<HibernatePropertiesCustomizer> customizers) {
                return (classes, version, schema) -> EntityMapping.of(JpaSettings.resolve(environment, physical.getIfAvailable(),
                        implicit.getIfAvailable(), customizers.orderedStream().toList()), classes, version, schema);
            }
        }
    }

    static MigrateOptions migrateOptions(ModuleMigrationsProperties properties, Environment environment) {
        return MigrateOptions.defaults()
                .withConcurrency(concurrency(properties, environment))
                .withAllOrNothing(properties.isAllOrNothing())
                .withSkipLinks(properties.isSkipLinks())
                .withLinkMode(properties.getLinks())
                .withSkipScripts(properties.isSkipScripts());
    }

    /**
     * {@code <spring.application.name>@<host>} for the engine's sessions, made when the first one opens
     * (a start with nothing to do opens none, and finding the host's name can take a while); null (the
     * engine's default) without a name.
     */
    static @Nullable Supplier<String> applicationName(Environment environment) {
        String name = environment.getProperty("spring.application.name");
        if (!StringUtils.hasText(name)) {
            return null;
        }
        return () -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException ex) {
                host = environment.getProperty("HOSTNAME", "unknown-host");
            }
            return name + "@" + host;
        };
    }

    private static int concurrency(ModuleMigrationsProperties properties, Environment environment) {
        if (properties.getConcurrency() != null) {
            return properties.getConcurrency();
        }
        return environment.getProperty(CONCURRENCY_VARIABLE, Integer.class, 1);
    }

    /**
     * Where migrations run: {@code module-migrations.url} (with its user and password), else the
     * application's DataSource, as {@code module-migrations.user} when set. Connects to nothing.
     */
    private static DataSource migrationDataSource(ModuleMigrationsProperties properties, @Nullable DataSource applicationDataSource) {
        if (properties.getUrl() != null) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(properties.getUrl());
            dataSource.setUser(properties.getUser());
            dataSource.setPassword(properties.getPassword());
            dataSource.setApplicationName("module-migrations");
            return dataSource;
        }
        Assert.state(applicationDataSource != null,
                "Module Migrations needs a DataSource: define exactly one DataSource bean, or set module-migrations.url");
        if (properties.getUser() != null) {
            return DataSourceBuilder.derivedFrom(applicationDataSource).type(SimpleDriverDataSource.class)
                    .username(properties.getUser()).password(properties.getPassword()).build();
        }
        return applicationDataSource;
    }

    static final class MigrationDataSourceCondition extends AnyNestedCondition {

        MigrationDataSourceCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBeanCondition {
        }

        @ConditionalOnProperty("module-migrations.url")
        private static final class UrlCondition {
        }
    }
}
