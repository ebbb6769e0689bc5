package io.modulemigrations.sample.catalog;

import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;
import org.springframework.stereotype.Component;

/**
 * A run-once data job: gives every product that has no brand yet the launch brand, Acme. It runs
 * after the migrations and the link sync (so the link table exists), once; if it fails, the next
 * run tries again.
 */
@Component
class BrandUnbrandedProducts implements MigrationScript {

    @Override
    public String name() {
        return "20250704-brand-unbranded-products";
    }

    @Override
    public void run(ScriptContext context) {
        context.sql("""
                insert into product_product_brand_brand (product_id, brand_id)
                select p.id, 'acme' from product p
                where not exists (select 1 from product_product_brand_brand l where l.product_id = p.id)""");
    }
}
