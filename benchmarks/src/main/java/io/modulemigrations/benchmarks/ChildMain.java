package io.modulemigrations.benchmarks;

import java.nio.file.Path;

/**
 * Entry point of the fresh JVMs the harness starts:
 * {@code noop|heap <contender> <workload spec> <files dir> <jdbc url> <user> <password>}.
 * Both first start the connection pool, as an application does before it migrates. {@code noop}
 * prints the nanoseconds from just before configuring the tool to just after its {@code migrate()}
 * returned, then the nanoseconds the pool took to start; {@code heap} migrates under a
 * {@link HeapSampler} and prints the peak in bytes. The workload's description is built before
 * either starts; the tool reads its files inside what is measured.
 */
public final class ChildMain {

    static final String RESULT = "result ";

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Contender contender = Contender.byId(args[1]);
        Workload workload = Workload.fromSpec(args[2]);
        long poolStart = System.nanoTime();
        try (Target target = Target.open(args[4], args[5], args[6], workload, new WorkloadFiles(Path.of(args[3])))) {
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
