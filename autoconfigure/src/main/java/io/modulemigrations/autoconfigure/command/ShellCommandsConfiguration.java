package io.modulemigrations.autoconfigure.command;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

/**
 * The {@code db:*} commands in Spring Shell, when it is on the classpath: one {@link ShellMigrationCommand}
 * bean for each of {@link MigrationCommands#COMMANDS}, named after the command ({@code db:sync-links} is
 * {@code dbSyncLinksCommand}). A bean the application defines under one of those names replaces that
 * command only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.shell.core.command.Command")
@Import(ShellCommandsConfiguration.Registrar.class)
public final class ShellCommandsConfiguration {

    /** The bean name of a command: {@code db:migrate:scripts} is {@code dbMigrateScriptsCommand}. */
    static String beanName(String command) {
        return Arrays.stream(command.split("[:-]")).map(StringUtils::capitalize)
                .collect(Collectors.joining("", "", "Command"))
                .transform(StringUtils::uncapitalize);
    }

    static final class Registrar implements ImportBeanDefinitionRegistrar {

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            for (CommandSpec spec : MigrationCommands.COMMANDS.values()) {
                String name = beanName(spec.name());
                // Auto-configuration comes after the application's beans, so one of this name is the application's.
                if (registry.isBeanNameInUse(name)) {
                    continue;
                }
                RootBeanDefinition definition = new RootBeanDefinition(ShellMigrationCommand.class);
                definition.setFactoryMethodName("of");
                // Created when Spring Shell asks for its commands; an application start that runs no shell creates none.
                definition.setLazyInit(true);
                ConstructorArgumentValues arguments = definition.getConstructorArgumentValues();
                arguments.addIndexedArgumentValue(0, spec.name());
                arguments.addIndexedArgumentValue(1, new RuntimeBeanReference(MigrationCommands.class));
                registry.registerBeanDefinition(name, definition);
            }
        }
    }
}
