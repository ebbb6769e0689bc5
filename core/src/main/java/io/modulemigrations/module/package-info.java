/** Modules and the order their depends-on gives them. */
@NullMarked
package io.modulemigrations.module;

import org.jspecify.annotations.NullMarked;
