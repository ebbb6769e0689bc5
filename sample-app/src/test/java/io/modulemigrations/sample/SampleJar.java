package io.modulemigrations.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Launches the repackaged sample-app jar as its own process. Its standard input is a pipe that stays
 * open and never gets data, so a command that waited for input would hang until the timeout.
 */
final class SampleJar {

    private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/module-migrations-sample-app-0.1.0-SNAPSHOT.jar"));
    private static final long TIMEOUT_SECONDS = 120;

    /** What a launch printed (standard output and error together) and its exit code. */
    record Run(int exitCode, String output) {
    }

    private SampleJar() {
    }

    /** Runs the jar against {@code jdbcUrl} with {@code args}; fails when it does not exit in time. */
    static Run launch(Path logs, String jdbcUrl, String user, String password, String... args) throws IOException, InterruptedException {
        return launch(logs, List.of(), jdbcUrl, user, password, args);
    }

    /** Runs the jar with JVM options ({@code -D…}) too; fails when it does not exit in time. */
    static Run launch(Path logs, List<String> jvmOptions, String jdbcUrl, String user, String password, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(logs, "run-", ".log");
        Process process = new ProcessBuilder(command(jvmOptions, jdbcUrl, user, password, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("sample-app " + String.join(" ", args) + " did not exit within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** What a launch wrote to standard output and to standard error, kept apart, and its exit code. */
    record SeparateRun(int exitCode, String stdout, String stderr) {
    }

    /** Runs the jar against {@code jdbcUrl} with {@code args}, keeping standard output and standard error apart. */
    static SeparateRun launchSeparately(Path logs, String jdbcUrl, String user, String password, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(logs, "stdout-", ".log");
        Path err = Files.createTempFile(logs, "stderr-", ".log");
        Process process = new ProcessBuilder(command(List.of(), jdbcUrl, user, password, args)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("sample-app " + String.join(" ", args) + " did not exit within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new SeparateRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Starts the jar and returns once it printed a line containing {@code startedLine}; fails, with
     * what it printed, when it exits before or does not print it in time.
     */
    static Running start(Path logs, List<String> jvmOptions, String startedLine, String jdbcUrl, String user, String password,
            String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(logs, "start-", ".log");
        Process process = new ProcessBuilder(command(jvmOptions, jdbcUrl, user, password, args)).redirectErrorStream(true).start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> copy(process, log, startedLine, started), "sample-app-output");
        reader.setDaemon(true);
        reader.start();
        Running running = new Running(process, log, reader);
        try {
            started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
            int code = running.stop();
            throw new AssertionError("sample-app " + String.join(" ", args) + " did not print '" + startedLine + "' (exit code " + code
                    + "):\n" + running.output());
        }
        return running;
    }

    // Copies the process's output to the log, completing started at the line; exceptionally if the output ends first.
    private static void copy(Process process, Path log, String startedLine, CompletableFuture<Void> started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line + "\n");
                out.flush();
                if (line.contains(startedLine)) {
                    started.complete(null);
                }
            }
            started.completeExceptionally(new IllegalStateException("output ended"));
        } catch (IOException ex) {
            started.completeExceptionally(new UncheckedIOException(ex));
        }
    }

    /** A started jar. */
    record Running(Process process, Path log, Thread reader) {

        /** Stops it (SIGTERM, as a platform would) and returns its exit code once it exited. */
        int stop() throws InterruptedException {
            this.process.destroy();
            if (!this.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor();
            }
            this.reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            return this.process.exitValue();
        }

        /** What it printed so far. */
        String output() {
            try {
                return Files.readString(this.log, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static List<String> command(List<String> jvmOptions, String jdbcUrl, String user, String password, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password));
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
