package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.LinkMode;
import io.modulemigrations.link.LinkPlan;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Links through the engine: synced after migrations, planned without a lock, dropped only when asked. */
@PostgresTest
class LinksMigrateTest {

    static final ModuleLink PRODUCT_BRAND = ModuleLink.between("product", "product", "brand", "brand");

    static FluentConfiguration app(DataSource ds) {
        return ModuleMigrations.configure().dataSource(ds).locations()
                .sqlMigration("product", "Migration202501010001", "-- migrate:up\ncreate table product (id text primary key);\n-- migrate:down\ndrop table product;\n")
                .sqlMigration("brand", "Migration202501010001", "-- migrate:up\ncreate table brand (id text primary key);\n-- migrate:down\ndrop table brand;\n");
    }

    @Test
    void linksFollowTheirDeclarations(TestDatabase db) {
        DataSource ds = db.dataSource();
        String table = PRODUCT_BRAND.tableName();
        assertThat(table).isEqualTo("product_product_brand_brand");

        // A dry run plans the link with the migrations and changes nothing.
        List<String> empty = Db.catalog(ds);
        MigrateResult plan = app(ds).links(PRODUCT_BRAND).load().migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(plan.linkPlan().actions()).extracting(LinkAction::kind).containsExactly(LinkAction.Kind.CREATE_TABLE);
        assertThat(plan.planSql()).contains("create table product (id text primary key);", table);
        assertThat(Db.catalog(ds)).isEqualTo(empty);

        // The next start creates the link table after the migrations.
        MigrateResult started = app(ds).links(PRODUCT_BRAND).load().migrate();
        assertThat(started.links()).extracting(r -> r.action().kind()).containsExactly(LinkAction.Kind.CREATE_TABLE);
        assertThat(Db.tableExists(ds, table)).isTrue();
        Db.execute(ds, "insert into " + table + " (product_id, brand_id) values ('p1', 'b1'), ('p2', 'b1')");

        // In step: the next start takes no lock.
        MigrateResult inStep = app(ds).links(PRODUCT_BRAND).load().migrate();
        assertThat(inStep.lockTaken()).isFalse();
        assertThat(inStep.links()).isEmpty();

        // Declaration removed: safe mode keeps the table, and the plan says what dropping it would lose.
        ModuleMigrations withoutLink = app(ds).load();
        MigrateResult safe = withoutLink.migrate(MigrateOptions.defaults().withLinkMode(LinkMode.ALL).withDryRun(true));
        assertThat(safe.linkPlan().unsafe()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(LinkAction.Kind.DROP_TABLE);
            assertThat(a.impact()).contains("drops table " + table + " with 2 rows");
        });
        withoutLink.migrate();
        assertThat(Db.tableExists(ds, table)).isTrue();
        LinkPlan planned = withoutLink.planLinks();
        assertThat(planned.unsafe()).hasSize(1);

        // --execute-all drops it and forgets it.
        withoutLink.syncLinks(LinkMode.ALL);
        assertThat(Db.tableExists(ds, table)).isFalse();
        assertThat(Db.rows(ds, "select count(*) from module_links")).containsExactly("0");
    }
}
