package io.modulemigrations.test;

import static io.modulemigrations.test.PostgresExtensionTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void createdDatabaseIsUsableAndClosingDropsIt() throws SQLException {
        try (TestDatabase observer = server.createDatabase("observer")) {
            TestDatabase database = server.createDatabase("Some Hint!");
            assertThat(database.name()).matches("test_some_hint_\\d+");
            assertThat(exists(observer, database.name())).isTrue();

            Connection leftOpen = database.connect();
            try (Statement statement = leftOpen.createStatement()) {
                statement.execute("create table t (v text)");
                statement.execute("insert into t values ('hello')");
            }
            assertThat(query(database.dataSource(), "select v from t")).isEqualTo("hello");

            database.close(); // drops WITH (FORCE), despite the open connection
            assertThat(exists(observer, database.name())).isFalse();
            assertThat(leftOpen.isValid(2)).isFalse();
            leftOpen.close();
            database.close(); // a second close does nothing
        }
    }

    @Test
    void namesAreUniqueAndFitPostgresIdentifiers() {
        String longHint = "AVeryLongTestClassNameThatGoesOnAndOnForMuchMoreThanSixtyThreeCharacters";
        try (TestDatabase a = server.createDatabase(longHint); TestDatabase b = server.createDatabase(longHint)) {
            assertThat(a.name()).isNotEqualTo(b.name());
            assertThat(a.name().length()).isLessThanOrEqualTo(63);
            assertThat(a.name()).startsWith("test_averylongtestclassname").matches("test_[a-z0-9_]+[a-z0-9]_\\d+");
        }
        assertThat(PostgresServer.sanitize("__My-Test$Class__")).isEqualTo("my_test_class");
        assertThat(PostgresServer.sanitize("€€")).isEqualTo("db");
        assertThat(PostgresServer.databaseName("x".repeat(60) + "_abc", 12345)).hasSize(63).endsWith("x_12345");
    }

    @Test
    void environmentUrlIsUsedAsMaintenanceDatabase() throws SQLException {
        String url = server.jdbcUrl(server.maintenanceDatabase()) + "?sslmode=disable";
        PostgresServer fromEnvironment = ServerLauncher.launch(Map.of(
                PostgresServer.JDBC_URL_VARIABLE, url,
                PostgresServer.USER_VARIABLE, server.user(),
                PostgresServer.PASSWORD_VARIABLE, server.password()));
        assertThat(fromEnvironment.source()).isEqualTo("environment");
        try (TestDatabase database = fromEnvironment.createDatabase("env")) {
            assertThat(database.jdbcUrl()).endsWith("/" + database.name() + "?sslmode=disable");
            assertThat(query(database.dataSource(), "select current_database()")).isEqualTo(database.name());
        }
    }

    @Test
    void environmentUrlsKeepHostsAndParameters() {
        assertThat(ServerLauncher.withDatabase("jdbc:postgresql://db:5432/postgres?ssl=true&user=u", "x"))
                .isEqualTo("jdbc:postgresql://db:5432/x?ssl=true&user=u");
        assertThat(ServerLauncher.withDatabase("jdbc:postgresql://h1,h2:5433/", "x"))
                .isEqualTo("jdbc:postgresql://h1,h2:5433/x");
        assertThat(ServerLauncher.withDatabase("jdbc:postgresql://localhost", "x"))
                .isEqualTo("jdbc:postgresql://localhost/x");
        assertThat(ServerLauncher.withDatabase("jdbc:postgresql:postgres", "x")).isEqualTo("jdbc:postgresql:x");

        PostgresServer credentialsInUrl = ServerLauncher.fromEnvironment(
                "jdbc:postgresql://db/main?user=alice&password=secret", null, null);
        assertThat(credentialsInUrl.user()).isEqualTo("alice");
        assertThat(credentialsInUrl.password()).isEqualTo("secret");
        assertThat(credentialsInUrl.maintenanceDatabase()).isEqualTo("main");
        assertThat(ServerLauncher.fromEnvironment("jdbc:postgresql://db/main?user=alice", "bob", "pw").user())
                .isEqualTo("bob");
    }

    private static boolean exists(TestDatabase observer, String name) throws SQLException {
        return Boolean.parseBoolean(query(observer.dataSource(),
                "select exists (select 1 from pg_database where datname = '" + name + "')::text"));
    }
}
