package io.modulemigrations.autoconfigure.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.slices.catalog.CatalogItem;
import io.modulemigrations.autoconfigure.slices.catalog.CatalogItemRepository;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

/**
 * {@code @DataJpaTest} runs the migrations before Hibernate starts: with
 * {@code ddl-auto=validate} the schema is checked against the migrated tables, and a repository
 * saves to and loads from them.
 */
@DataJpaTest(properties = { SliceApplication.LOCATIONS, "spring.jpa.hibernate.ddl-auto=validate" })
@PostgresTestDatabase
class DataJpaTestMigratesTests {

    @Autowired
    CatalogItemRepository items;

    @Autowired
    TestEntityManager entityManager;

    @Test
    void repositorySavesAndLoadsOnTheMigratedTable() {
        this.items.save(new CatalogItem(1L, "Mug"));
        this.entityManager.flush();
        this.entityManager.clear();
        assertThat(this.items.findById(1L)).get().extracting(CatalogItem::getName).isEqualTo("Mug");
    }
}
