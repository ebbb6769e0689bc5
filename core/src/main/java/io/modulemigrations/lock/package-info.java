/** The run lock that keeps concurrent instances from migrating at once. */
@NullMarked
package io.modulemigrations.lock;

import org.jspecify.annotations.NullMarked;
