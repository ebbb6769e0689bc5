package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Medusa's --concurrency took per-module locks on a one-connection pool, so modules likely ran one
 * after another. Here modules run on their own connections: overlap is read from the history's
 * recorded start and end times, not from a wall clock.
 */
@PostgresTest
class ConcurrencyTest {

    record Interval(Instant start, Instant end) {
        boolean overlaps(Interval other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    @Test
    void eightModulesOfTwentyMigrationsAtConcurrencyFour(DataSource ds) {
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations()
                .dependsOn("m8", "m1");
        for (int module = 1; module <= 8; module++) {
            for (int i = 1; i <= 20; i++) {
                String table = "m" + module + "_t" + i;
                config.sqlMigration("m" + module, String.format("Migration2025010100%02d", i),
                        "-- migrate:up\ncreate table " + table + " (id int);\nselect pg_sleep(0.01);\n-- migrate:down\ndrop table " + table + ";\n");
            }
        }

        MigrateResult result = config.load().migrate(MigrateOptions.defaults().withConcurrency(4));

        assertThat(result.applied()).hasSize(160);
        assertThat(Db.rows(ds, "select count(*), count(distinct batch) from module_migrations")).containsExactly("160|1");
        Map<String, Interval> modules = moduleIntervals(ds);
        assertThat(modules).hasSize(8);

        // m8 depends on m1: its first migration starts after m1's last one ended.
        assertThat(modules.get("m8").start()).isAfterOrEqualTo(modules.get("m1").end());

        // Modules really overlap, and never more than four at once.
        List<String> overlapping = new ArrayList<>();
        for (String a : modules.keySet()) {
            for (String b : modules.keySet()) {
                if (a.compareTo(b) < 0 && modules.get(a).overlaps(modules.get(b))) {
                    overlapping.add(a + "~" + b);
                }
            }
        }
        assertThat(overlapping).hasSizeGreaterThanOrEqualTo(3);
        for (Interval probe : modules.values()) {
            long atOnce = modules.values().stream().filter(i -> i.start().compareTo(probe.start()) <= 0 && i.end().isAfter(probe.start())).count();
            assertThat(atOnce).isLessThanOrEqualTo(4);
        }
    }

    /**
     * What the test above relies on: on one connection, a migration's recorded start
     * ({@code applied_at - execution_ms}) is never before the previous one's end. A duration rounded
     * up to the next millisecond put it there (CI saw five modules "at once" at concurrency four).
     */
    @Test
    void recordedStartsNeverPrecedeThePreviousMigrationsEnd(DataSource ds) {
        FluentConfiguration config = ModuleMigrations.configure().dataSource(ds).locations().table("one_connection_history");
        for (int i = 1; i <= 100; i++) {
            config.sqlMigration("m", String.format("Migration20250101%04d", i),
                    "-- migrate:up\ncreate table one_connection_t" + i + " (id int);\n-- migrate:down\ndrop table one_connection_t" + i + ";\n");
        }
        config.load().migrate();

        List<String> overlaps = Db.rows(ds, "select name from (select name, applied_at - execution_ms * interval '1 millisecond' as started,"
                + " lag(applied_at) over (order by applied_at) as previous_end from one_connection_history) m where started < previous_end");
        assertThat(overlaps).isEmpty();
    }

    /** Per module, from its first migration's start (applied_at - execution_ms) to its last one's end. */
    static Map<String, Interval> moduleIntervals(DataSource ds) {
        Map<String, Interval> intervals = new TreeMap<>();
        for (String row : Db.rows(ds, "select module,"
                + " (extract(epoch from min(applied_at - execution_ms * interval '1 millisecond')) * 1000000)::bigint,"
                + " (extract(epoch from max(applied_at)) * 1000000)::bigint from module_migrations group by module")) {
            String[] cols = row.split("\\|");
            intervals.put(cols[0], new Interval(micros(cols[1]), micros(cols[2])));
        }
        return intervals;
    }

    private static Instant micros(String epochMicros) {
        long us = Long.parseLong(epochMicros);
        return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
    }
}
