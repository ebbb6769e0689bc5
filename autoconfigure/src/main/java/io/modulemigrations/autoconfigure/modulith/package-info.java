/**
 * Spring Modulith support: modules and their order from application modules; module tests migrate only their modules.
 */
@NullMarked
package io.modulemigrations.autoconfigure.modulith;

import org.jspecify.annotations.NullMarked;
