/** Creating a database and loading seed data. */
@NullMarked
package io.modulemigrations.setup;

import org.jspecify.annotations.NullMarked;
