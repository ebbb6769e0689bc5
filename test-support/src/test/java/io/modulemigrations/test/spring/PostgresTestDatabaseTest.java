package io.modulemigrations.test.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Runs Spring test classes through the Jupiter engine to watch their databases being created, used and dropped. */
class PostgresTestDatabaseTest {

    /** Database name seen by each fixture, keyed by fixture. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Test
    void eachTestClassGetsItsOwnDatabaseThatTheDataSourceUsesDroppedAfterTheClass() throws SQLException {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstFixture.class), selectClass(SecondFixture.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(SEEN).containsOnlyKeys("first", "first.nested", "second");
        assertThat(SEEN.get("first")).startsWith("test_firstfixture_");
        assertThat(SEEN.get("second")).startsWith("test_secondfixture_");
        assertThat(SEEN.get("first.nested")).isEqualTo(SEEN.get("first"));

        try (TestDatabase observer = PostgresServer.shared().createDatabase("observer");
                Connection connection = observer.connect()) {
            assertThat(query(connection, "select count(*)::text from pg_database where datname in ('"
                    + SEEN.get("first") + "', '" + SEEN.get("second") + "')")).isEqualTo("0");
        }
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    static String currentDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, "select current_database()");
        }
    }

    @SpringJUnitConfig(DataSourceApplication.class)
    @PostgresTestDatabase
    static class FirstFixture {

        @Autowired
        DataSource dataSource;

        @Autowired
        TestDatabase database;

        @Autowired
        JdbcConnectionDetails connectionDetails;

        @Autowired
        Environment environment;

        @Test
        void autoConfiguredDataSourceConnectsToTheClassDatabase() throws SQLException {
            assertThat(currentDatabase(this.dataSource)).isEqualTo(this.database.name());
            assertThat(this.connectionDetails.getJdbcUrl()).isEqualTo(this.database.jdbcUrl());
            assertThat(this.environment.getProperty("spring.datasource.url")).isEqualTo(this.database.jdbcUrl());
            assertThat(this.environment.getProperty("spring.test.database.replace")).isEqualTo("none");
            SEEN.put("first", this.database.name());
        }

        @Nested
        class Inner {

            @Autowired
            TestDatabase database;

            @Test
            void sharesTheEnclosingClassDatabase() {
                SEEN.put("first.nested", this.database.name());
            }
        }
    }

    /** The application's own {@code spring.datasource.url} does not win over the test database. */
    @SpringJUnitConfig(DataSourceApplication.class)
    @TestPropertySource(properties = "spring.datasource.url=jdbc:postgresql://localhost:1/not_the_test_database")
    @PostgresTestDatabase
    static class SecondFixture {

        @Autowired
        DataSource dataSource;

        @Test
        void connectsToItsOwnDatabase() throws SQLException {
            SEEN.put("second", currentDatabase(this.dataSource));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class DataSourceApplication {
    }
}
