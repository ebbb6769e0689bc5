package io.modulemigrations.modulith.chain.warehouse;

import org.springframework.stereotype.Component;

/** The warehouse module's API. */
@Component
public class Warehouse {

    public String location(String sku) {
        return "aisle-" + sku.length();
    }
}
