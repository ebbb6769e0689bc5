package io.modulemigrations.modulith.chain.shipping;

import io.modulemigrations.modulith.chain.catalog.Catalog;
import org.springframework.stereotype.Component;

/** The shipping module: uses the catalog module only. */
@Component
public class Shipping {

    private final Catalog catalog;

    Shipping(Catalog catalog) {
        this.catalog = catalog;
    }

    public String label(String sku) {
        return "ship " + catalog.describe(sku);
    }
}
