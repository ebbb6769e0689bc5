package io.modulemigrations.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * One app of the Spring Boot scenario: the shared benchmark app with one migration tool (or none)
 * on its class path, the launch arguments that point the tool at the workload, and where its
 * migrations sit in the app's workload jar.
 *
 * @param id      short, stable, no spaces
 * @param label   for the report
 * @param module  the Maven module under {@code benchmarks/spring-boot/} whose class path it runs on
 * @param layout  how its migrations are laid out on the class path
 * @param args    the tool's settings, as Spring Boot command-line arguments
 */
record BootContender(String id, String label, String module, Layout layout, List<String> args) {

    /** How a tool reads the workload from the class path. */
    enum Layout {
        /** Nothing to migrate. */
        NONE,
        /** {@code db/flyway/V<n>__<name>.sql}, numbered across all modules: one history table. */
        FLYWAY_SINGLE,
        /** {@code db/flyway/<module>/V<n>__<name>.sql}: Spring Modulith's module-aware Flyway, a history table per module. */
        FLYWAY_PER_MODULE,
        /** {@code db/liquibase/changelog.xml}: one changeset per migration. */
        LIQUIBASE,
        /** {@code db/migrations/<module>/<name>.sql}: this starter's default location. */
        MODULE_MIGRATIONS,
        /** {@code db/raw/migrations.txt} (every {@code <module>/<name>} in order) and {@code db/raw/<module>/<name>.sql} (its up SQL): the raw JDBC floor's. */
        RAW
    }

    /** The baseline: no migration tool, the pool opened before ready (one connection taken and returned). */
    static final String NO_TOOL = "no-tool";
    /** For reference, not a baseline: no migration tool and the database not touched at start (the pool never starts). */
    static final String NO_TOOL_LAZY = "no-tool-lazy";
    /** The raw JDBC floor as an app: the no-tool app applying the workload with plain JDBC when it is ready. */
    static final String RAW_JDBC = "raw-jdbc";

    /** Everyone, the apps without a migration tool first. */
    static List<BootContender> all() {
        return List.of(
                new BootContender(NO_TOOL, "no migration tool", "no-tool", Layout.NONE, List.of()),
                new BootContender(NO_TOOL_LAZY, "no migration tool, database not touched at start", "no-tool", Layout.NONE,
                        List.of("--bench.open-pool=false")),
                new BootContender(RAW_JDBC, "raw JDBC floor, applied when ready (no tool)", "no-tool", Layout.RAW,
                        List.of("--bench.raw-floor=true")),
                new BootContender("flyway", "Flyway starter (one history)", "flyway", Layout.FLYWAY_SINGLE,
                        List.of("--spring.flyway.locations=classpath:db/flyway")),
                new BootContender("liquibase", "Liquibase starter", "liquibase", Layout.LIQUIBASE,
                        List.of("--spring.liquibase.change-log=classpath:db/liquibase/changelog.xml")),
                new BootContender("modulith", "Spring Modulith module-aware Flyway", "modulith", Layout.FLYWAY_PER_MODULE,
                        List.of("--spring.modulith.runtime.flyway-enabled=true", "--spring.flyway.locations=classpath:db/flyway")),
                moduleMigrations(1),
                moduleMigrations(4));
    }

    /** The contenders with these comma-separated ids, in the order given. */
    static List<BootContender> byIds(String ids) {
        return Arrays.stream(ids.split(",")).map(String::strip).map(id -> all().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown app " + id + "; the apps are "
                        + all().stream().map(BootContender::id).toList()))).toList();
    }

    /**
     * Of {@code chosen}, the apps the 10,000 part runs: no tool and this starter at concurrency 1
     * and 4. Flyway, Liquibase and Modulith would take minutes per first deploy at that size.
     */
    static List<BootContender> atTenThousand(List<BootContender> chosen) {
        List<String> ids = List.of(NO_TOOL, moduleMigrations(1).id(), moduleMigrations(4).id());
        return chosen.stream().filter(c -> ids.contains(c.id())).toList();
    }

    static BootContender moduleMigrations(int concurrency) {
        return new BootContender("module-migrations-c" + concurrency, "this starter, concurrency " + concurrency, "module-migrations",
                Layout.MODULE_MIGRATIONS, List.of("--module-migrations.concurrency=" + concurrency));
    }
}
