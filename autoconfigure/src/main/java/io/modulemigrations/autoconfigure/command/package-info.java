/**
 * The {@code db:*} commands, for {@code java -jar app.jar db:...} and Spring Shell.
 */
@NullMarked
package io.modulemigrations.autoconfigure.command;

import org.jspecify.annotations.NullMarked;
