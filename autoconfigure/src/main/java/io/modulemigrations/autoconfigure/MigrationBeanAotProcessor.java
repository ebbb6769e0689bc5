package io.modulemigrations.autoconfigure;

import io.modulemigrations.migration.Migration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;

/**
 * Registers reflection hints for the {@code up} and {@code down} methods of every {@link Migration}
 * bean (the {@code @ModuleMigration} classes {@link ModuleMigrationRegistrar} found, and migrations
 * declared as beans), so an AOT-processed application tells reversible migrations from the others
 * as the JVM does.
 */
class MigrationBeanAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> type = registeredBean.getBeanClass();
        if (!Migration.class.isAssignableFrom(type)) {
            return null;
        }
        return (context, code) -> ModuleMigrationsRuntimeHints.registerUpAndDown(context.getRuntimeHints(), type);
    }
}
