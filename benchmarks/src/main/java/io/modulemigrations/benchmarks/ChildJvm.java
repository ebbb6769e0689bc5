package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link ChildMain} in a new JVM with the harness's class path and reads its result. */
final class ChildJvm {

    /**
     * What the child printed and how long the process lived.
     *
     * @param value          the child's result (nanoseconds or bytes)
     * @param poolStartNanos how long the child's connection pool took to start
     * @param wallNanos      from starting the process to its exit
     */
    record Outcome(long value, long poolStartNanos, long wallNanos) {
    }

    private ChildJvm() {
    }

    static Outcome run(String mode, Contender contender, Target target) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), mode, contender.id(), target.workload().spec(),
                target.files().root().toString(), target.url(), target.user(), target.password()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long wall = System.nanoTime() - start;
        String result = output.lines().filter(l -> l.startsWith(ChildMain.RESULT)).reduce((a, b) -> b).orElse(null);
        if (exit != 0 || result == null) {
            throw new IllegalStateException("Child JVM (" + mode + ", " + contender.id() + ") failed with exit code " + exit + ":\n" + output);
        }
        String[] values = result.substring(ChildMain.RESULT.length()).trim().split(" ");
        return new Outcome(Long.parseLong(values[0]), Long.parseLong(values[1]), wall);
    }
}
