/**
 * Spring Boot auto-configuration for Module Migrations: the engine as a bean, startup migrations, properties.
 */
@NullMarked
package io.modulemigrations.autoconfigure;

import org.jspecify.annotations.NullMarked;
