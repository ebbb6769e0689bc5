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

    /** Products and brands. */
    @GetMapping("/api/catalog")
    Map<String, Object> catalog() {
        return Map.of(
                "products", this.jdbc.sql("select id, title from product order by id").query().listOfRows(),
                "brands", this.jdbc.sql("select id, name from brand order by id").query().listOfRows());
    }
}
