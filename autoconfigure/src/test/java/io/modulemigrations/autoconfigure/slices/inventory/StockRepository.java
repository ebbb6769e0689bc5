package io.modulemigrations.autoconfigure.slices.inventory;

import org.springframework.data.repository.ListCrudRepository;

public interface StockRepository extends ListCrudRepository<Stock, Long> {
}
