package io.modulemigrations.autoconfigure;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MigrateOptions;
import io.modulemigrations.MigrationListener;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.autoconfigure.command.MigrationCommands;
import io.modulemigrations.autoconfigure.command.ShellMigrationCommand;
import io.modulemigrations.migration.Migration;
import java.util.List;
import javax.sql.DataSource;
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
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.Assert;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Module Migrations: the engine, loaded with
 * the application's {@code @ModuleMigration} beans and SQL files; the startup {@link MigrationRunner};
 * the {@code db:*} commands. Backs off without a {@code DataSource} (or {@code module-migrations.url})
 * and with {@code module-migrations.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(ModuleMigrations.class)
@Conditional(ModuleMigrationsAutoConfiguration.MigrationDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "module-migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ModuleMigrationsProperties.class)
@Import(ModuleMigrationRegistrar.class)
public final class ModuleMigrationsAutoConfiguration {

    /** Environment variable giving the default concurrency, as in Medusa. */
    static final String CONCURRENCY_VARIABLE = "DB_MIGRATION_CONCURRENCY";

    @Bean
    @ConditionalOnMissingBean
    ModuleMigrations moduleMigrations(ModuleMigrationsProperties properties, Environment environment,
            ObjectProvider<DataSource> dataSource, ResourceLoader resourceLoader, ObjectProvider<Migration> migrations,
            ObjectProvider<MigrationListener> listeners, ObjectProvider<ModuleMigrationsConfigurationCustomizer> customizers) {
        FluentConfiguration configuration = ModuleMigrations.configure();
        configureDataSource(configuration, properties, dataSource.getIfUnique());
        configuration.classLoader(resourceLoader.getClassLoader())
                .javaMigrations(migrations.orderedStream().toList())
                .locations(properties.getLocations().toArray(String[]::new))
                .table(properties.getTable())
                .concurrency(concurrency(properties, environment))
                .allOrNothing(properties.isAllOrNothing())
                .lockWaitTimeout(properties.getLockWaitTimeout())
                .connectTimeout(properties.getConnectTimeout())
                .validateChecksums(properties.isValidateChecksums());
        PropertyMapper map = PropertyMapper.get();
        map.from(properties.getSchema()).to(configuration::schema);
        map.from(properties.getLockTimeout()).to(configuration::lockTimeout);
        map.from(properties.getStatementTimeout()).to(configuration::statementTimeout);
        properties.getModules().forEach((module, settings) ->
                configuration.dependsOn(module, settings.getDependsOn().toArray(String[]::new)));
        listeners.orderedStream().forEach(configuration::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
        return configuration.load();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "module-migrations.run-on-startup", matchIfMissing = true)
    MigrationRunner migrationRunner(ModuleMigrations migrations, ModuleMigrationsProperties properties,
            Environment environment) {
        return new MigrationRunner(migrations, migrateOptions(properties, environment));
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationCommands migrationCommands(ModuleMigrations migrations, ModuleMigrationsProperties properties,
            Environment environment) {
        return new MigrationCommands(migrations, migrateOptions(properties, environment));
    }

    /** The {@code db:*} commands in Spring Shell, when it is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.shell.core.command.Command")
    static final class ShellCommandsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "dbStatusCommand")
        ShellMigrationCommand dbStatusCommand(MigrationCommands commands) {
            return new ShellMigrationCommand("db:status", "Show applied, pending and missing migrations per module",
                    List.of("json"), List.of(), commands);
        }

        @Bean
        @ConditionalOnMissingBean(name = "dbMigrateCommand")
        ShellMigrationCommand dbMigrateCommand(MigrationCommands commands) {
            return new ShellMigrationCommand("db:migrate", "Apply pending migrations of every module",
                    List.of("all-or-nothing", "dry-run", "skip-links", "skip-scripts", "execute-safe-links", "execute-all-links"),
                    List.of("concurrency"), commands);
        }

        @Bean
        @ConditionalOnMissingBean(name = "dbRollbackCommand")
        ShellMigrationCommand dbRollbackCommand(MigrationCommands commands) {
            return new ShellMigrationCommand("db:rollback", "Roll back the latest batch (or --steps N) of modules",
                    List.of("dry-run"), List.of("steps"), commands);
        }
    }

    static MigrateOptions migrateOptions(ModuleMigrationsProperties properties, Environment environment) {
        return MigrateOptions.defaults()
                .withConcurrency(concurrency(properties, environment))
                .withAllOrNothing(properties.isAllOrNothing());
    }

    private static int concurrency(ModuleMigrationsProperties properties, Environment environment) {
        if (properties.getConcurrency() != null) {
            return properties.getConcurrency();
        }
        return environment.getProperty(CONCURRENCY_VARIABLE, Integer.class, 1);
    }

    private static void configureDataSource(FluentConfiguration configuration, ModuleMigrationsProperties properties,
            DataSource applicationDataSource) {
        if (properties.getUrl() != null) {
            configuration.dataSource(properties.getUrl(), properties.getUser(), properties.getPassword());
            return;
        }
        Assert.state(applicationDataSource != null,
                "Module Migrations needs a DataSource: define exactly one DataSource bean, or set module-migrations.url");
        if (properties.getUser() != null) {
            configuration.dataSource(DataSourceBuilder.derivedFrom(applicationDataSource).type(SimpleDriverDataSource.class)
                    .username(properties.getUser()).password(properties.getPassword()).build());
            return;
        }
        configuration.dataSource(applicationDataSource);
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
