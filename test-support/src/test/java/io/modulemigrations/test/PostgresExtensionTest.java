package io.modulemigrations.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PostgresTest
class PostgresExtensionTest {

    private final TestDatabase constructorDatabase;

    PostgresExtensionTest(TestDatabase database) {
        this.constructorDatabase = database;
    }

    @BeforeAll
    static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table marker (id int primary key)");
            statement.execute("insert into marker values (42)");
        }
    }

    @Test
    void dataSourceConnectsToTheClassDatabase(DataSource dataSource, TestDatabase database) throws SQLException {
        assertThat(database.name()).matches("test_postgresextensiontest_\\d+");
        assertThat(query(dataSource, "select current_database()")).isEqualTo(database.name());
        // The table made in @BeforeAll is there: all lifecycle methods share the class's database.
        assertThat(query(dataSource, "select id::text from marker")).isEqualTo("42");
        assertThat(database).isSameAs(constructorDatabase);
    }

    @Test
    void everyDataSourceIsNewAndNamed(TestDatabase database) throws SQLException {
        DataSource first = database.dataSource();
        DataSource second = database.dataSource();
        assertThat(first).isNotSameAs(second);
        try (Connection a = first.getConnection(); Connection b = second.getConnection()) {
            assertThat(pid(a)).isNotEqualTo(pid(b));
        }
        assertThat(query(first, "select current_setting('application_name')")).isEqualTo("module-migrations-test");
        try (Connection connection = database.connect()) {
            assertThat(connection.getCatalog()).isEqualTo(database.name());
        }
    }

    @Test
    void serverIsTheSharedOne(PostgresServer server, TestDatabase database) {
        assertThat(server).isSameAs(PostgresServer.shared());
        assertThat(server.source()).isIn("environment", "testcontainers", "embedded");
        if (System.getenv(PostgresServer.JDBC_URL_VARIABLE) == null) {
            assertThat(server.source()).isNotEqualTo("environment");
        }
        assertThat(database.jdbcUrl()).isEqualTo(server.jdbcUrl(database.name())).startsWith("jdbc:postgresql:");
        assertThat(database.user()).isEqualTo(server.user());
        assertThat(database.password()).isEqualTo(server.password());
    }

    static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql);
        }
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getString(1);
        }
    }

    private static String pid(Connection connection) throws SQLException {
        return query(connection, "select pg_backend_pid()::text");
    }
}
