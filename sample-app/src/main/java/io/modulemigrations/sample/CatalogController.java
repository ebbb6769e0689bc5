package io.modulemigrations.sample;

import io.modulemigrations.sample.blog.PostRepository;
import io.modulemigrations.sample.brand.BrandRepository;
import io.modulemigrations.sample.product.ProductRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads what the modules' tables hold: the entities through their repositories, the product-brand
 * link table (owned by no module, so mapped by no entity) with plain SQL.
 */
@RestController
class CatalogController {

    private final PostRepository posts;
    private final ProductRepository products;
    private final BrandRepository brands;
    private final JdbcClient jdbc;

    CatalogController(PostRepository posts, ProductRepository products, BrandRepository brands, JdbcClient jdbc) {
        this.posts = posts;
        this.products = products;
        this.brands = brands;
        this.jdbc = jdbc;
    }

    /** The blog's posts with their authors. */
    @GetMapping("/api/posts")
    List<PostView> posts() {
        return this.posts.findAllByOrderById().stream()
                .map(post -> new PostView(post.getId(), post.getTitle(), post.getAuthor().getName())).toList();
    }

    /** Products with their brands (through the product-brand link table), and brands. */
    @GetMapping("/api/catalog")
    Map<String, Object> catalog() {
        Map<String, String> brandsByProduct = new HashMap<>();
        this.jdbc.sql("select product_id, string_agg(brand_id, ',' order by brand_id) from product_product_brand_brand"
                        + " where deleted_at is null group by product_id")
                .query(rs -> {
                    brandsByProduct.put(rs.getString(1), rs.getString(2));
                });
        return Map.of(
                "products", this.products.findAll(Sort.by("id")).stream()
                        .map(p -> new ProductView(p.getId(), p.getTitle(), brandsByProduct.get(p.getId()))).toList(),
                "brands", this.brands.findAll(Sort.by("id")).stream().map(b -> new BrandView(b.getId(), b.getName())).toList());
    }

    record PostView(String id, String title, String author) {
    }

    /** {@code brands}: the product's brand ids, comma-separated; null when it has none. */
    record ProductView(String id, String title, String brands) {
    }

    record BrandView(String id, String name) {
    }
}
