/**
 * The {@code migrations} actuator endpoint, health contributor and metrics.
 */
@NullMarked
package io.modulemigrations.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
