package io.modulemigrations.autoconfigure.slices.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A JPA entity on the table the catalog migration creates. */
@Entity
@Table(name = "catalog_item")
public class CatalogItem {

    @Id
    private Long id;

    private String name;

    protected CatalogItem() {
    }

    public CatalogItem(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }
}
