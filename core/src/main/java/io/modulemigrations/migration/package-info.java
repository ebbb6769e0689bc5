/** Migrations: the Java API, identities, and migrations as loaded. */
@NullMarked
package io.modulemigrations.migration;

import org.jspecify.annotations.NullMarked;
