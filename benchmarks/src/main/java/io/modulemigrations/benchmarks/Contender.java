package io.modulemigrations.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A migration tool under test. */
interface Contender {

    /** Everyone, the raw JDBC floor first. */
    static List<Contender> all() {
        return List.of(new RawJdbcFloor(), new ModuleMigrationsEngine(1), new ModuleMigrationsEngine(4),
                new FlywayPerModule(), new LiquibaseChangelog());
    }

    /** The contender with this {@link #id()}. */
    static Contender byId(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown contender " + id + "; the contenders are "
                        + all().stream().map(Contender::id).toList()));
    }

    /** The raw JDBC floor (always, first: every ratio is over it), then the contenders with these comma-separated ids in the order given. */
    static List<Contender> byIds(String ids) {
        Map<String, Contender> chosen = new LinkedHashMap<>();
        Contender floor = all().get(0);
        chosen.put(floor.id(), floor);
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                chosen.putIfAbsent(id.strip(), byId(id.strip()));
            }
        }
        return List.copyOf(chosen.values());
    }

    /** Short, stable, no spaces: used on child JVM command lines. */
    String id();

    /** For the report. */
    String label();

    /** Whether it can undo a module's latest batch. */
    boolean canRollback();

    /** Configures and loads the tool for a target: what an application does before its first migrate. */
    Session open(Target target) throws Exception;

    /** A configured tool, kept between calls as an application would keep it. */
    interface Session extends AutoCloseable {

        /** Applies whatever is pending (nothing, on a no-op check). */
        void migrate() throws Exception;

        /** Undoes the latest batch of {@code module}, {@code count} migrations. */
        void rollback(String module, int count) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }
}
