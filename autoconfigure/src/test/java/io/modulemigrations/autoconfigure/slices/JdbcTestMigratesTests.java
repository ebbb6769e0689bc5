package io.modulemigrations.autoconfigure.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.test.TestDatabase;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code @JdbcTest} runs the migrations: the tables they create are there to query. */
@JdbcTest(properties = SliceApplication.LOCATIONS)
@PostgresTestDatabase
class JdbcTestMigratesTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ModuleMigrations migrations;

    @Autowired
    TestDatabase database;

    @Test
    void migratedTablesAreThereInTheTestDatabase() {
        assertThat(this.jdbc.sql("select current_database()").query(String.class).single())
                .isEqualTo(this.database.name());
        assertThat(this.migrations.status().upToDate()).isTrue();
        assertThat(this.migrations.status().module("catalog").applied()).hasSize(1);
        assertThat(this.migrations.status().module("inventory").applied()).hasSize(1);

        this.jdbc.sql("insert into catalog_item (id, name) values (1, 'Mug')").update();
        this.jdbc.sql("insert into inventory_stock (item, quantity) values ('mug', 3)").update();
        assertThat(this.jdbc.sql("select name from catalog_item").query(String.class).list()).containsExactly("Mug");
        assertThat(this.jdbc.sql("select quantity from inventory_stock").query(Integer.class).single()).isEqualTo(3);
    }
}
