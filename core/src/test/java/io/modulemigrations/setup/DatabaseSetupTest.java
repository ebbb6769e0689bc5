package io.modulemigrations.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** db:create and db:seed against a real server. */
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

    @Test
    void seedingTwiceLeavesOneCopyOfEachRow(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create table author (id uuid primary key, name text not null, meta jsonb, born timestamptz)");
            st.execute("create table tag (label text, weight int)");
        }
        Map<String, List<Map<String, Object>>> seed = new LinkedHashMap<>();
        Map<String, Object> ada = new LinkedHashMap<>();
        ada.put("id", "5d6f1c2e-8d5e-4c1e-9a59-6d1b8f0f3b11");
        ada.put("name", "Ada");
        ada.put("meta", "{\"langs\": [\"en\"]}");
        ada.put("born", "1815-12-10T00:00:00Z");
        seed.put("author", List.of(ada));
        seed.put("tag", List.of(Map.of("label", "news", "weight", 1), Map.of("label", "jvm", "weight", 2)));

        List<SeedData.TableResult> first;
        List<SeedData.TableResult> second;
        try (Connection c = db.connect()) {
            first = SeedData.load(c, seed);
            second = SeedData.load(c, seed);
        }

        assertThat(first).containsExactly(new SeedData.TableResult("author", 1, 0), new SeedData.TableResult("tag", 2, 0));
        assertThat(second).containsExactly(new SeedData.TableResult("author", 0, 1), new SeedData.TableResult("tag", 0, 2));
        assertThat(count(db, "select count(*) from author where meta ->> 'langs' = '[\"en\"]'")).isEqualTo(1);
        assertThat(count(db, "select count(*) from tag")).isEqualTo(2);
    }

    static int count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
