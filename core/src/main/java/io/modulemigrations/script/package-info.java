/** Run-once data jobs that run after migrations. */
@NullMarked
package io.modulemigrations.script;

import org.jspecify.annotations.NullMarked;
