/** The history table: which migrations are applied, in which batch, with which checksum. */
@NullMarked
package io.modulemigrations.history;

import org.jspecify.annotations.NullMarked;
