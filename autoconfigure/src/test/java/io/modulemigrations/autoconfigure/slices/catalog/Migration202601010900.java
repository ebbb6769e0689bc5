package io.modulemigrations.autoconfigure.slices.catalog;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.ModuleMigration;

@ModuleMigration("catalog")
public class Migration202601010900 implements Migration {

    @Override
    public void up(MigrationContext m) {
        m.sql("create table catalog_item (id bigint primary key, name varchar(255) not null)");
    }

    @Override
    public void down(MigrationContext m) {
        m.sql("drop table catalog_item");
    }
}
