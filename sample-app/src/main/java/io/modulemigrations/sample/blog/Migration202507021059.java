package io.modulemigrations.sample.blog;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.migration.ModuleMigration;

/** The blog's authors (a Java migration; the posts come in a SQL file). */
@ModuleMigration("blog")
public class Migration202507021059 implements Migration {

    @Override
    public void up(MigrationContext m) {
        m.sql("create table author (id text primary key, name text not null)");
        m.sql("insert into author (id, name) values ('ada', 'Ada Lovelace')");
    }

    @Override
    public void down(MigrationContext m) {
        m.sql("drop table author");
    }
}
