package io.modulemigrations.autoconfigure.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.slices.inventory.Stock;
import io.modulemigrations.autoconfigure.slices.inventory.StockRepository;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;

/** {@code @DataJdbcTest} runs the migrations: a repository saves to and loads from a migrated table. */
@DataJdbcTest(properties = SliceApplication.LOCATIONS)
@PostgresTestDatabase
class DataJdbcTestMigratesTests {

    @Autowired
    StockRepository stock;

    @Test
    void repositorySavesAndLoadsOnTheMigratedTable() {
        Stock saved = this.stock.save(new Stock(null, "mug", 3));
        assertThat(saved.id()).isNotNull();
        assertThat(this.stock.findById(saved.id())).contains(new Stock(saved.id(), "mug", 3));
    }
}
