package io.modulemigrations.sample.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A product; table {@code product}, created by {@code db/migrations/product/Migration202507030900.sql}. */
@Entity
public class Product {

    @Id
    @Column(columnDefinition = "text")
    private String id;

    @Column(nullable = false, columnDefinition = "text")
    private String title;

    protected Product() {
    }

    public Product(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String getId() {
        return this.id;
    }

    public String getTitle() {
        return this.title;
    }
}
