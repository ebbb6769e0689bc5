package io.modulemigrations.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(logs, "run-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("sample-app " + String.join(" ", args) + " did not exit within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
