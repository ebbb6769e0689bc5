package io.modulemigrations.autoconfigure.command;

import org.jspecify.annotations.Nullable;
import java.io.Console;

/**
 * Asks the operator at a terminal. Commands given none never wait for input.
 */
@FunctionalInterface
public interface Prompt {

    /** The operator's answer to {@code question}. */
    String ask(String question);

    /** The JVM's terminal, or null when standard input or output is not one (piped, redirected, closed). */
    static @Nullable Prompt terminal() {
        Console console = System.console();
        return console != null && isTerminal(console) ? question -> console.readLine("%s", question) : null;
    }

    // From Java 22 System.console() may answer without a terminal; Console.isTerminal() tells.
    private static boolean isTerminal(Console console) {
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
