package io.modulemigrations.sample.brand;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.ModuleMigration;

/** Brands; the brand module runs after product (module-migrations.modules.brand.depends-on). */
@ModuleMigration("brand")
public class Migration202507031000 implements Migration {

    @Override
    public void up(MigrationContext m) {
        m.sql("create table brand (id text primary key, name text not null)");
        m.sql("insert into brand (id, name) values ('acme', 'Acme')");
    }

    @Override
    public void down(MigrationContext m) {
        m.sql("drop table brand");
    }
}
