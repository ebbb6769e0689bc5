package io.modulemigrations.sample.product;

import org.springframework.data.jpa.repository.JpaRepository;

/** The products. */
public interface ProductRepository extends JpaRepository<Product, String> {
}
