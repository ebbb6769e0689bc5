package io.modulemigrations.autoconfigure;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ReflectionUtils;

/**
 * What an AOT-processed application (a native image) needs at run time: the SQL migrations and the
 * seed data in their default locations, and {@link Migration}'s {@code up} and {@code down}, which
 * the engine looks up to tell whether a Java migration is reversible. The application's own
 * migration classes get theirs from {@link MigrationBeanAotProcessor}; migrations in other
 * {@code module-migrations.locations} need the application's own resource hints.
 */
class ModuleMigrationsRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern("db/migrations/**").registerPattern("db/seed.json");
        registerUpAndDown(hints, Migration.class);
    }

    /** Hints for {@code type}'s public {@code up(MigrationContext)} and {@code down(MigrationContext)}. */
    static void registerUpAndDown(RuntimeHints hints, Class<?> type) {
        hints.reflection().registerType(type);
        for (String name : new String[] { "up", "down" }) {
            hints.reflection().registerMethod(ReflectionUtils.findMethod(type, name, MigrationContext.class), ExecutableMode.INVOKE);
        }
    }
}
