package io.modulemigrations.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Spring Boot application started as its own process ({@code java} with the given arguments),
 * its standard output and error drained as it runs: the time it printed a line starting with a
 * given prefix is noted, and the last lines are kept to explain a failure.
 */
final class AppProcess {

    static final long TIMEOUT_SECONDS = 600;
    private static final int KEPT_LINES = 80;

    private final List<String> command;
    private final Process process;
    private final long started;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Marked> marked = new CompletableFuture<>();
    private final Thread reader;

    /** The marked line's remainder and how long after the start it came. */
    record Marked(String value, long nanos) {
    }

    private AppProcess(List<String> command, String marker) throws IOException {
        this.command = command;
        this.started = System.nanoTime();
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.reader = new Thread(() -> drain(marker), "app-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code java <arguments>}; {@code marker} is the line prefix to note (null: none). */
    static AppProcess start(List<String> arguments, String marker) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return new AppProcess(command, marker);
    }

    private void drain(String marker) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (marker != null && !marked.isDone() && line.startsWith(marker)) {
                    marked.complete(new Marked(line.substring(marker.length()).trim(), System.nanoTime() - started));
                }
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > KEPT_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The stream was closed under the reader when the process exited: nothing more to read.
        }
    }

    /** Nanoseconds since the process was started. */
    long elapsed() {
        return System.nanoTime() - started;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; fails, with its last lines, on a timeout or a non-zero exit code. */
    long awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw failure("did not exit within " + TIMEOUT_SECONDS + " s");
        }
        long wall = elapsed();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        if (process.exitValue() != 0) {
            throw failure("exited with code " + process.exitValue());
        }
        return wall;
    }

    /** The marked line, once the process exited successfully; fails when it never printed one. */
    Marked marked() {
        if (!marked.isDone()) {
            throw failure("never printed its marker line");
        }
        return marked.join();
    }

    /** Stops it (SIGTERM, as a platform would) and waits for it to exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    IllegalStateException failure(String what) {
        String lines;
        synchronized (tail) {
            lines = String.join("\n", tail);
        }
        return new IllegalStateException("The process " + String.join(" ", command) + " " + what
                + "; its last lines:\n" + lines);
    }
}
