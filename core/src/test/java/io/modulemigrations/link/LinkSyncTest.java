package io.modulemigrations.link;

import static io.modulemigrations.Db.catalog;
import static io.modulemigrations.link.LinkDb.columns;
import static io.modulemigrations.Db.execute;
import static io.modulemigrations.link.LinkDb.links;
import static io.modulemigrations.Db.rows;
import static io.modulemigrations.link.LinkDb.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.modulemigrations.link.LinkAction.Kind;
import io.modulemigrations.link.LinkActionResult.Outcome;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sync-links against a real PostgreSQL: each test gets its own database. */
class LinkSyncTest {

    private static final ModuleLink PRODUCT_BRAND = ModuleLink.between("product", "product", "brand", "brand");
    private static final String TABLE = "product_product_brand_brand";

    private final LinkSync sync = new LinkSync(null, "module_links");
    private TestDatabase db;
    private DataSource ds;

    @BeforeEach
    void database() {
        db = PostgresServer.shared().createDatabase("links");
        ds = db.dataSource();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aNewLinkTableAppearsOnSync() {
        LinkPlan plan = plan(PRODUCT_BRAND);
        assertThat(plan.actions()).extracting(LinkAction::kind).containsExactly(Kind.CREATE_TABLE);
        assertThat(plan.unsafe()).isEmpty();
        assertThat(tableExists(ds, "module_links")).isFalse();

        LinkSyncResult result = apply(plan, LinkMode.SAFE);

        assertThat(result.failed()).isFalse();
        assertThat(result.applied()).hasSize(1);
        assertThat(columns(ds, TABLE)).containsExactly("id text NO", "product_id text NO", "brand_id text NO",
                "created_at timestamp with time zone NO", "updated_at timestamp with time zone NO", "deleted_at timestamp with time zone YES");
        assertThat(rows(ds, "select indexname || ' ' || indexdef from pg_indexes where tablename = '" + TABLE + "' order by 1")).containsExactly(
                "IDX_product_product_brand_brand_brand_id CREATE INDEX \"IDX_product_product_brand_brand_brand_id\" ON public."
                        + TABLE + " USING btree (brand_id) WHERE (deleted_at IS NULL)",
                "IDX_product_product_brand_brand_product_id CREATE INDEX \"IDX_product_product_brand_brand_product_id\" ON public."
                        + TABLE + " USING btree (product_id) WHERE (deleted_at IS NULL)",
                TABLE + "_id_key CREATE UNIQUE INDEX " + TABLE + "_id_key ON public." + TABLE + " USING btree (id)",
                TABLE + "_pkey CREATE UNIQUE INDEX " + TABLE + "_pkey ON public." + TABLE + " USING btree (product_id, brand_id)");
        assertThat(links(ds)).containsExactly(TABLE + "|" + jsonb(PRODUCT_BRAND.descriptor()));
        assertThat(rows(ds, "select created_at = updated_at from module_links")).containsExactly("t");

        // Usable as is: the database makes the id; the pair is the key.
        execute(ds, "insert into " + TABLE + " (product_id, brand_id) values ('prod_1', 'brand_1')");
        assertThat(rows(ds, "select length(id) from " + TABLE)).containsExactly("36");
        assertThat(plan(PRODUCT_BRAND).isEmpty()).isTrue();
    }

    @Test
    void anUndeclaredLinkIsKeptInSafeModeWithItsLossReportedAndDroppedInAllMode() {
        apply(plan(PRODUCT_BRAND), LinkMode.SAFE);
        execute(ds, "insert into " + TABLE + " (product_id, brand_id) values ('p1', 'b1'), ('p2', 'b1'), ('p3', 'b2')");

        LinkPlan plan = plan();
        assertThat(plan.safe()).isEmpty();
        assertThat(plan.unsafe()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.DROP_TABLE);
            assertThat(a.impact()).startsWith("drops table product_product_brand_brand with 3 rows");
        });
        LinkSyncResult safe = apply(plan, LinkMode.SAFE);
        assertThat(safe.failed()).isFalse();
        assertThat(safe.skipped()).singleElement().extracting(LinkActionResult::message).asString()
                .startsWith("not selected (unsafe): drops table product_product_brand_brand with 3 rows");
        assertThat(rows(ds, "select count(*) from " + TABLE)).containsExactly("3");
        assertThat(links(ds)).hasSize(1);

        LinkSyncResult all = apply(plan(), LinkMode.ALL);
        assertThat(all.applied()).singleElement().extracting(r -> r.action().kind()).isEqualTo(Kind.DROP_TABLE);
        assertThat(tableExists(ds, TABLE)).isFalse();
        assertThat(links(ds)).isEmpty();
        assertThat(plan().isEmpty()).isTrue();
    }

    @Test
    void planningChangesNothing() {
        // An empty database: planning does not even create module_links.
        List<String> empty = catalog(ds);
        LinkPlan first = plan(PRODUCT_BRAND);
        assertThat(first.toSql()).contains("create table if not exists \"module_links\"", "create table \"" + TABLE + "\"");
        assertThat(catalog(ds)).isEqualTo(empty);

        // Every kind of action pending at once.
        ModuleLink orderCart = ModuleLink.between("order", "order", "cart", "cart");
        ModuleLink ranked = PRODUCT_BRAND.withColumn("rank", "text").withColumn("old", "text");
        apply(plan(ranked, orderCart), LinkMode.SAFE);
        execute(ds, "insert into " + TABLE + " (product_id, brand_id, rank, old) values ('p1', 'b1', '1', 'x'), ('p2', 'b1', null, 'y')");
        execute(ds, "insert into order_order_cart_cart (order_id, cart_id) values ('o1', 'c1')");
        execute(ds, "drop index \"IDX_product_product_brand_brand_brand_id\"");
        List<String> before = catalog(ds);
        List<String> recordsBefore = rows(ds, "select table_name, descriptor::text, created_at, updated_at from module_links order by 1");
        List<String> dataBefore = rows(ds, "select * from " + TABLE + " order by product_id");

        ModuleLink changed = PRODUCT_BRAND.withColumn("rank", "integer").withColumn("note", "text");
        ModuleLink newLink = ModuleLink.between("customer", "customer", "region", "region");
        LinkPlan plan = plan(changed, newLink);

        assertThat(plan.actions()).extracting(a -> a.table() + " " + a.kind() + " " + a.safe()).containsExactly(
                "customer_customer_region_region CREATE_TABLE true",
                TABLE + " ADD_COLUMN true",
                TABLE + " CREATE_INDEX true",
                TABLE + " ALTER_COLUMN false",
                TABLE + " DROP_COLUMN false",
                "order_order_cart_cart DROP_TABLE false");
        assertThat(plan.unsafe()).extracting(LinkAction::impact).containsExactly(
                "changes column rank of table " + TABLE + " from text to integer (1 non-null value to convert; fails if any does not)",
                "drops column old text of table " + TABLE + " (2 non-null values)",
                "drops table order_order_cart_cart with 1 row (its link is no longer declared)");
        assertThat(plan.toSql())
                .contains("-- UNSAFE: drops table order_order_cart_cart with 1 row")
                .contains("alter table \"" + TABLE + "\" alter column \"rank\" type integer using \"rank\"::integer;")
                .contains("alter table \"" + TABLE + "\" add column \"note\" text;")
                .doesNotContain("create table if not exists \"module_links\"");
        assertThat(catalog(ds)).isEqualTo(before);
        assertThat(rows(ds, "select table_name, descriptor::text, created_at, updated_at from module_links order by 1")).isEqualTo(recordsBefore);
        assertThat(rows(ds, "select * from " + TABLE + " order by product_id")).isEqualTo(dataBefore);

        // And applying all of it does what the plan said.
        LinkSyncResult result = apply(plan, LinkMode.ALL);
        assertThat(result.failed()).isFalse();
        assertThat(columns(ds, TABLE)).containsExactly("id text NO", "product_id text NO", "brand_id text NO", "rank integer YES",
                "created_at timestamp with time zone NO", "updated_at timestamp with time zone NO",
                "deleted_at timestamp with time zone YES", "note text YES");
        assertThat(rows(ds, "select rank from " + TABLE + " order by product_id")).containsExactly("1", "null");
        assertThat(links(ds)).containsExactly("customer_customer_region_region|" + jsonb(newLink.descriptor()),
                TABLE + "|" + jsonb(changed.descriptor()));
        assertThat(plan(changed, newLink).isEmpty()).isTrue();
    }

    @Test
    void anAddedExtraColumnIsSafeAndTypesAreComparedAsTheServerNamesThem() {
        apply(plan(PRODUCT_BRAND), LinkMode.SAFE);
        ModuleLink withColumns = PRODUCT_BRAND.withColumn("position", "int").withColumn("code", "varchar(20)")
                .withColumn("amount", "numeric(10,2)").withColumn("seen_at", "timestamptz");

        LinkPlan plan = plan(withColumns);
        assertThat(plan.actions()).extracting(LinkAction::kind).containsOnly(Kind.ADD_COLUMN).hasSize(4);
        assertThat(plan.unsafe()).isEmpty();
        LinkSyncResult result = apply(plan, LinkMode.SAFE);

        assertThat(result.applied()).hasSize(4);
        assertThat(columns(ds, TABLE)).contains("position integer YES", "code character varying YES", "amount numeric YES");
        assertThat(links(ds)).containsExactly(TABLE + "|" + jsonb(withColumns.descriptor()));
        // int = integer, varchar(20) = character varying(20): nothing more to do.
        assertThat(plan(withColumns).actions()).isEmpty();

        // A changed modifier is a type change (unsafe), not applied in safe mode.
        ModuleLink wider = PRODUCT_BRAND.withColumn("position", "int").withColumn("code", "varchar(40)")
                .withColumn("amount", "numeric(10,2)").withColumn("seen_at", "timestamptz");
        LinkPlan widen = plan(wider);
        assertThat(widen.actions()).extracting(a -> a.kind() + " " + a.safe()).containsExactly("ALTER_COLUMN false", "RECORD true");
        apply(widen, LinkMode.SAFE);
        assertThat(rows(ds, "select character_maximum_length from information_schema.columns where table_name = '" + TABLE
                + "' and column_name = 'code'")).containsExactly("20");
        assertThat(links(ds)).containsExactly(TABLE + "|" + jsonb(wider.descriptor()));
        assertThat(plan(wider).actions()).extracting(LinkAction::kind).containsExactly(Kind.ALTER_COLUMN);
    }

    @Test
    void longNamesGiveValidStableTablesAndIndexes() {
        String module = "inventory_reservation_management";
        ModuleLink a = ModuleLink.between(module, "stock_location_fulfillment_set", "sales_channel_management", "sales_channel");
        ModuleLink b = ModuleLink.between(module, "stock_location_fulfillment_set", "sales_channel_management", "sales_channel_group");

        LinkSyncResult result = apply(plan(a, b), LinkMode.SAFE);

        assertThat(result.failed()).isFalse();
        assertThat(tableExists(ds, a.tableName())).isTrue();
        assertThat(tableExists(ds, b.tableName())).isTrue();
        List<String> indexes = rows(ds, "select indexname from pg_indexes where schemaname = current_schema() and tablename <> 'module_links'");
        assertThat(indexes).hasSize(8).doesNotHaveDuplicates().allMatch(n -> n.length() <= 63);
        assertThat(plan(a, b).isEmpty()).isTrue();
    }

    @Test
    void aRecordedLinkWhoseTableWasDroppedByHandIsRecreated() {
        apply(plan(PRODUCT_BRAND), LinkMode.SAFE);
        execute(ds, "drop table " + TABLE);

        LinkPlan plan = plan(PRODUCT_BRAND);
        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.CREATE_TABLE);
            assertThat(a.safe()).isTrue();
            assertThat(a.impact()).startsWith("re-creates table " + TABLE);
        });
        assertThat(apply(plan, LinkMode.SAFE).failed()).isFalse();
        assertThat(tableExists(ds, TABLE)).isTrue();
        assertThat(plan(PRODUCT_BRAND).isEmpty()).isTrue();
    }

    @Test
    void aFailedActionIsReportedRolledBackAndOtherTablesGoOn() {
        ModuleLink broken = ModuleLink.between("cart", "cart", "promotion", "promotion").withColumn("x", "no_such_type");

        LinkSyncResult result = apply(plan(broken, PRODUCT_BRAND), LinkMode.SAFE);

        assertThat(result.failed()).isTrue();
        assertThat(result.failures()).singleElement().satisfies(r -> {
            assertThat(r.action().table()).isEqualTo("cart_cart_promotion_promotion");
            assertThat(r.message()).contains("type \"no_such_type\" does not exist").contains("rolled back");
        });
        assertThat(tableExists(ds, "cart_cart_promotion_promotion")).isFalse();
        assertThat(tableExists(ds, TABLE)).isTrue();
        assertThat(links(ds)).extracting(l -> l.substring(0, l.indexOf('|'))).containsExactly(TABLE);
    }

    @Test
    void aMalformedColumnTypeFailsPlanningWithTheDeclaredTypes() {
        apply(plan(PRODUCT_BRAND), LinkMode.SAFE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (Connection c = ds.getConnection()) {
                sync.plan(c, List.of(PRODUCT_BRAND.withColumn("position", "int int")));
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("int int").hasMessageContaining("syntax error");
    }

    @Test
    void aTableThatIsNotALinkTableIsNeverChanged() {
        execute(ds, "create table " + TABLE + " (name text)");
        execute(ds, "insert into " + TABLE + " values ('keep me')");
        List<String> before = catalog(ds);

        LinkSyncResult result = apply(plan(PRODUCT_BRAND), LinkMode.ALL);

        assertThat(result.failed()).isTrue();
        assertThat(result.failures().get(0).message()).contains("is not a link table").contains("already exists");
        assertThat(catalog(ds).stream().filter(line -> !line.contains("module_links")).toList()).isEqualTo(before);
        assertThat(rows(ds, "select name from " + TABLE)).containsExactly("keep me");
        assertThat(links(ds)).isEmpty();
    }

    @Test
    void anExistingLinkTableThatIsNotRecordedIsAdopted() {
        try (Connection c = ds.getConnection()) {
            for (String sql : new LinkTable(PRODUCT_BRAND, null).createSql()) {
                c.createStatement().execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        LinkPlan plan = plan(PRODUCT_BRAND);
        assertThat(plan.actions()).extracting(LinkAction::kind, LinkAction::impact)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.RECORD, "records table " + TABLE + " in module_links"));
        apply(plan, LinkMode.SAFE);
        assertThat(links(ds)).containsExactly(TABLE + "|" + jsonb(PRODUCT_BRAND.descriptor()));
    }

    @Test
    void aForgottenRecordWhoseTableIsGoneIsRemovedSafely() {
        apply(plan(PRODUCT_BRAND), LinkMode.SAFE);
        execute(ds, "drop table " + TABLE);

        LinkPlan plan = plan();
        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.RECORD);
            assertThat(a.safe()).isTrue();
        });
        apply(plan, LinkMode.SAFE);
        assertThat(links(ds)).isEmpty();
    }

    @Test
    void aConfiguredSchemaHoldsTheLinkTablesAndTheBookkeeping() throws SQLException {
        LinkSync inSchema = new LinkSync("commerce links", "module_links");
        try (Connection c = ds.getConnection()) {
            LinkPlan plan = inSchema.plan(c, List.of(PRODUCT_BRAND));
            assertThat(plan.prepare()).first().isEqualTo("create schema if not exists \"commerce links\"");
            assertThat(inSchema.apply(c, plan, LinkMode.SAFE).failed()).isFalse();
            assertThat(tableExists(ds, "commerce links", TABLE)).isTrue();
            assertThat(tableExists(ds, "commerce links", "module_links")).isTrue();
            assertThat(tableExists(ds, TABLE)).isFalse();
            assertThat(inSchema.plan(c, List.of(PRODUCT_BRAND)).isEmpty()).isTrue();
            // The current schema has its own, separate links.
            assertThat(sync.plan(c, List.of(PRODUCT_BRAND)).actions()).extracting(LinkAction::kind).containsExactly(Kind.CREATE_TABLE);
        }
    }

    @Test
    void applyLeavesTheConnectionsAutoCommitAsItWas() throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            LinkPlan plan = sync.plan(c, List.of(PRODUCT_BRAND));
            c.rollback();
            sync.apply(c, plan, LinkMode.SAFE);
            assertThat(c.getAutoCommit()).isFalse();
        }
        assertThat(tableExists(ds, TABLE)).isTrue();
    }

    @Test
    void twoLinksWithOneTableAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> plan(PRODUCT_BRAND, PRODUCT_BRAND.withColumn("x", "text")))
                .withMessageContaining("both use table " + TABLE);
        assertThatIllegalArgumentException().isThrownBy(() -> plan(PRODUCT_BRAND.withTable("module_links")))
                .withMessageContaining("bookkeeping");
    }

    private LinkPlan plan(ModuleLink... declared) {
        try (Connection c = ds.getConnection()) {
            return sync.plan(c, List.of(declared));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private LinkSyncResult apply(LinkPlan plan, Predicate<LinkAction> include) {
        try (Connection c = ds.getConnection()) {
            return sync.apply(c, plan, include);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The descriptor as jsonb prints it. */
    private String jsonb(String json) {
        return rows(ds, "select '" + json + "'::jsonb::text").get(0);
    }
}
