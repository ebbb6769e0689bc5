package io.modulemigrations.autoconfigure.command;

import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

/**
 * In command mode, standard output carries the command's output only, so {@code db:status --json} pipes into
 * another program: from the moment the command is recognised, everything else written to {@code System.out}
 * (Spring Boot's and the libraries' log lines, whose console appenders write to whatever {@code System.out} is)
 * goes to standard error, and the command prints to the standard output it reserved. The process ends with
 * the command, so standard output is not given back: shutdown log lines go to standard error too.
 */
final class CommandOutput {

    private static @Nullable PrintStream reserved;

    private CommandOutput() {
    }

    /** Keeps standard output for the command and sends everything else written to it to standard error. */
    static synchronized void reserve() {
        if (reserved == null) {
            reserved = System.out;
            System.setOut(System.err);
        }
    }

    /** The command's standard output. */
    static synchronized PrintStream stdout() {
        return reserved != null ? reserved : System.out;
    }
}
