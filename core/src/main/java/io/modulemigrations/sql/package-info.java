/** SQL migration files: locations, discovery, and the file format. */
@NullMarked
package io.modulemigrations.sql;

import org.jspecify.annotations.NullMarked;
