package io.modulemigrations.sample;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads what the modules' tables hold. */
@RestController
class CatalogController {

    private final JdbcClient jdbc;

    CatalogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The blog's posts with their authors. */
    @GetMapping("/api/posts")
    List<Map<String, Object>> posts() {
        return this.jdbc.sql("select p.id, p.title, a.name as author from post p join author a on a.id = p.author_id order by p.id")
                .query().listOfRows();
    }

    /** Products with their brands (through the product-brand link table), and brands. */
    @GetMapping("/api/catalog")
    Map<String, Object> catalog() {
        return Map.of(
                "products", this.jdbc.sql("select p.id, p.title, string_agg(l.brand_id, ',' order by l.brand_id) as brands"
                        + " from product p left join product_product_brand_brand l on l.product_id = p.id and l.deleted_at is null"
                        + " group by p.id, p.title order by p.id").query().listOfRows(),
                "brands", this.jdbc.sql("select id, name from brand order by id").query().listOfRows());
    }
}
