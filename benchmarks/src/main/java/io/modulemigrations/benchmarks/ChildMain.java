package io.modulemigrations.benchmarks;

import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Entry point of the fresh JVMs the harness starts:
 * {@code noop|heap <contender> <workload spec> <files dir> <jdbc url> <user> <password>}.
 * Both first open a class loader over the workload's jar and start the connection pool, as an
 * application has both before it migrates. {@code noop}
 * prints the nanoseconds from just before configuring the tool to just after its {@code migrate()}
 * returned, then the nanoseconds the pool took to start; {@code heap} migrates under a
 * {@link HeapSampler} and prints the peak in bytes. The workload's description is built before
 * either starts; the tool reads the jar through the class loader inside what is measured.
 */
public final class ChildMain {

    static final String RESULT = "result ";

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Contender contender = Contender.byId(args[1]);
        Workload workload = Workload.fromSpec(args[2]);
        WorkloadFiles files = new WorkloadFiles(Path.of(args[3]));
        // The application's class loader is open before it starts its pool: neither is part of what the tool is timed on.
        URLClassLoader classLoader = Target.classLoader(files);
        long poolStart = System.nanoTime();
        try (Target target = Target.open(args[4], args[5], args[6], workload, files, classLoader)) {
            poolStart = System.nanoTime() - poolStart;
            switch (args[0]) {
                case "noop" -> {
                    long start = System.nanoTime();
                    try (Contender.Session session = contender.open(target)) {
                        session.migrate();
                        System.out.println(RESULT + (System.nanoTime() - start) + " " + poolStart);
                    }
                }
                case "heap" -> {
                    try (HeapSampler sampler = new HeapSampler()) {
                        try (Contender.Session session = contender.open(target)) {
                            session.migrate();
                        }
                        System.out.println(RESULT + sampler.stop() + " " + poolStart);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
            }
        }
    }
}
