package io.modulemigrations.sample.brand;

import org.springframework.data.jpa.repository.JpaRepository;

/** The brands. */
public interface BrandRepository extends JpaRepository<Brand, String> {
}
