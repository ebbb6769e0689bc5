/** Join tables between entities of two modules, kept in step with the declared links. */
@NullMarked
package io.modulemigrations.link;

import org.jspecify.annotations.NullMarked;
