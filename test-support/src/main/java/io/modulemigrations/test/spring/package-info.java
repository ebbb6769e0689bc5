/** Spring TestContext support: {@link io.modulemigrations.test.spring.PostgresTestDatabase} gives a test's context its own database. */
@NullMarked
package io.modulemigrations.test.spring;

import org.jspecify.annotations.NullMarked;
