package io.modulemigrations.test;

import static io.modulemigrations.test.PostgresExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes through the Jupiter engine to watch databases being created and dropped. */
class PostgresExtensionLifecycleTest {

    /** Database name seen by each fixture, keyed by fixture. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Test
    void eachTestClassGetsItsOwnDatabaseDroppedAfterTheClass() throws SQLException {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstFixture.class), selectClass(SecondFixture.class),
                        selectClass(PerClassFixture.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(4).succeeded(4));

        assertThat(SEEN).containsOnlyKeys("first", "first.nested", "second", "perClass");
        assertThat(SEEN.get("first")).startsWith("test_firstfixture_");
        assertThat(SEEN.get("second")).startsWith("test_secondfixture_");
        assertThat(SEEN.get("perClass")).startsWith("test_perclassfixture_");
        assertThat(SEEN.get("first.nested")).isEqualTo(SEEN.get("first"));
        assertThat(SEEN.get("first")).isNotEqualTo(SEEN.get("second"));

        try (TestDatabase observer = PostgresServer.shared().createDatabase("observer")) {
            String left = query(observer.dataSource(), "select count(*)::text from pg_database where datname in ('"
                    + SEEN.get("first") + "', '" + SEEN.get("second") + "', '" + SEEN.get("perClass") + "')");
            assertThat(left).isEqualTo("0");
        }
    }

    @PostgresTest
    static class FirstFixture {
        @Test
        void records(TestDatabase database) throws SQLException {
            SEEN.put("first", query(database.dataSource(), "select current_database()"));
        }

        @Nested
        class Inner {
            @Test
            void records(TestDatabase database) {
                SEEN.put("first.nested", database.name());
            }
        }
    }

    @PostgresTest
    static class SecondFixture {
        @Test
        void records(javax.sql.DataSource dataSource) throws SQLException {
            SEEN.put("second", query(dataSource, "select current_database()"));
        }
    }

    @PostgresTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassFixture {
        private final TestDatabase database;

        PerClassFixture(TestDatabase database) {
            this.database = database;
        }

        @Test
        void records(TestDatabase fromMethod) {
            assertThat(fromMethod).isSameAs(database);
            SEEN.put("perClass", database.name());
        }
    }
}
