package io.modulemigrations.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Where a run happened, for the report.
 *
 * @param date    the day of the run
 * @param machine cores, CPU model, memory and OS
 * @param java    the JVM
 * @param server  the PostgreSQL server and its settings
 * @param command how the run was started
 * @param load    the load averages before and after the run: other work on the machine skews results
 */
record Environment(String date, String machine, String java, String server, String command, String load) {

    /** The 1, 5 and 15 minute load averages, from {@code /proc/loadavg}. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Environment describe(BenchServer server, String command, String loadBefore) throws Exception {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        String machine = String.format(Locale.ROOT, "%d cores (%s), %.0f GB memory, %s %s", Runtime.getRuntime().availableProcessors(),
                cpuModel(), memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"), System.getProperty("os.version"));
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Environment(LocalDate.now().toString(), machine, java, server.describe(), command,
                "before " + loadBefore + ", after " + loadAverage() + " (1 / 5 / 15 min)");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
