package io.modulemigrations.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** db:create against a real server. */
@PostgresTest
class DatabaseSetupTest {

    @Test
    void createMakesANewDatabaseAndCallsAnExistingOneAlreadyThere(PostgresServer server, TestDatabase db) throws Exception {
        String name = db.name() + "_created";
        String url = DatabaseCreator.withDatabase(db.jdbcUrl(), name);
        try {
            assertThat(DatabaseCreator.create(url, db.user(), db.password(), null)).isEqualTo(DatabaseCreator.Outcome.CREATED);
            assertThat(DatabaseCreator.create(url, db.user(), db.password(), null)).isEqualTo(DatabaseCreator.Outcome.ALREADY_EXISTS);
            assertThat(DatabaseCreator.create(db.jdbcUrl(), db.user(), db.password(), name)).isEqualTo(DatabaseCreator.Outcome.ALREADY_EXISTS);
            assertThat(count(db, "select count(*) from pg_database where datname = '" + name + "'")).isEqualTo(1);
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("drop database if exists \"" + name + "\" with (force)");
            }
        }
    }

    @Test
    void urlsNameTheirDatabase() {
        assertThat(DatabaseCreator.databaseOf("jdbc:postgresql://localhost:5432/shop?ssl=false")).isEqualTo("shop");
        assertThat(DatabaseCreator.withDatabase("jdbc:postgresql://db:5432/shop?ssl=false", "postgres"))
                .isEqualTo("jdbc:postgresql://db:5432/postgres?ssl=false");
        assertThat(DatabaseCreator.withDatabase("jdbc:postgresql://db", "x")).isEqualTo("jdbc:postgresql://db/x");
    }

    static int count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
