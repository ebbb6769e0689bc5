/** The engine: configure with {@link io.modulemigrations.ModuleMigrations#configure()}, then migrate, roll back, report status. */
@NullMarked
package io.modulemigrations;

import org.jspecify.annotations.NullMarked;
