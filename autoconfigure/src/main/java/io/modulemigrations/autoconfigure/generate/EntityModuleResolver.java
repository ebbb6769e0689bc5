package io.modulemigrations.autoconfigure.generate;

/**
 * Says which module an entity belongs to, ahead of the package convention (Spring Modulith's application
 * modules, when it is present); {@code module-migrations.modules.<m>.packages} still wins over it.
 */
@FunctionalInterface
public interface EntityModuleResolver {

    /** The entity's module, or null to leave it to the package convention. */
    String moduleOf(Class<?> entity);
}
