package io.modulemigrations.autoconfigure.slices.inventory;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A Spring Data JDBC aggregate on the table the inventory SQL migration creates. */
@Table("inventory_stock")
public record Stock(@Id Long id, String item, int quantity) {
}
