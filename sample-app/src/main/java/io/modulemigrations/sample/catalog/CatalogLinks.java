package io.modulemigrations.sample.catalog;

import io.modulemigrations.link.ModuleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Products and their brands: a join table owned by neither module, product_product_brand_brand.
 * Startup and db:migrate create it after the migrations; db:sync-links keeps it in step.
 */
@Configuration(proxyBeanMethods = false)
class CatalogLinks {

    @Bean
    ModuleLink productBrand() {
        return ModuleLink.between("product", "product", "brand", "brand");
    }
}
