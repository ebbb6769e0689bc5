/**
 * JSON text for reports and descriptors.
 */
@NullMarked
package io.modulemigrations.json;

import org.jspecify.annotations.NullMarked;
