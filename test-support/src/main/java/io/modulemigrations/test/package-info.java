/** A real PostgreSQL for tests: the {@link io.modulemigrations.test.PostgresTest} extension and its databases. */
@NullMarked
package io.modulemigrations.test;

import org.jspecify.annotations.NullMarked;
