package io.modulemigrations.modulith.chain.catalog;

import io.modulemigrations.modulith.chain.warehouse.Warehouse;
import org.springframework.stereotype.Component;

/** The catalog module: no tables of its own, but it uses the warehouse module. */
@Component
public class Catalog {

    private final Warehouse warehouse;

    Catalog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public String describe(String sku) {
        return sku + " at " + warehouse.location(sku);
    }
}
