/** The context a migration runs its statements through, and the failure of one statement. */
@NullMarked
package io.modulemigrations.run;

import org.jspecify.annotations.NullMarked;
