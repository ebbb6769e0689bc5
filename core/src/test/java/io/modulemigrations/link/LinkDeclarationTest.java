package io.modulemigrations.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Declaring links: names, validation, descriptor. No database needed. */
class LinkDeclarationTest {

    @Test
    void tableNameIsTheFourNamesJoined() {
        ModuleLink link = ModuleLink.between("product", "product", "brand", "brand");
        assertThat(link.tableName()).isEqualTo("product_product_brand_brand");
        assertThat(link.columnA()).isEqualTo("product_id");
        assertThat(link.columnB()).isEqualTo("brand_id");
        assertThat(link.withTable("product_brand").tableName()).isEqualTo("product_brand");
    }

    @Test
    void longNamesGiveAValidStableDistinctTableName() {
        String module = "inventory_reservation_management";
        ModuleLink a = ModuleLink.between(module, "stock_location_fulfillment_set", "sales_channel_management", "sales_channel");
        ModuleLink b = ModuleLink.between(module, "stock_location_fulfillment_set", "sales_channel_management", "sales_channel_group");
        String name = a.tableName();

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(name).matches("[a-z][a-z0-9_]*_[0-9a-f]{8}").startsWith("inventory_reservation_management_stock_location");
        assertThat(ModuleLink.between(module, "stock_location_fulfillment_set", "sales_channel_management", "sales_channel").tableName())
                .isEqualTo(name);
        assertThat(b.tableName()).hasSizeLessThanOrEqualTo(63).isNotEqualTo(name);
        // Joined with underscores these two are the same string; their hashes still differ.
        ModuleLink c = ModuleLink.between(module + "_x", "y" + "_stock_location_fulfillment_set", "sales_channel_management", "sales_channel");
        ModuleLink d = ModuleLink.between(module, "x_y_stock_location_fulfillment_set", "sales_channel_management", "sales_channel");
        assertThat(c.tableName()).isNotEqualTo(d.tableName());

        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(ModuleLink.between(module, "entity_with_a_rather_long_name_" + i, "brand", "brand").tableName());
        }
        assertThat(names).hasSize(1000).allMatch(n -> n.length() <= 63);
    }

    @Test
    void exactly63BytesIsKeptAsIs() {
        String entity = "e".repeat(63 - "a_".length() - "_b_brand".length());
        ModuleLink link = ModuleLink.between("a", entity, "b", "brand");
        assertThat(link.tableName()).hasSize(63).isEqualTo("a_" + entity + "_b_brand");
        assertThat(ModuleLink.between("a", entity + "e", "b", "brand").tableName()).hasSize(63).matches(".*_[0-9a-f]{8}");
    }

    @Test
    void namesAreValidated() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("Product", "product", "brand", "brand"))
                .withMessageContaining("module name 'Product'");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("product", "product-x", "brand", "brand"))
                .withMessageContaining("entity name 'product-x'");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "x"))
                .withMessageContaining("both id columns would be x_id");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "e".repeat(61), "b", "y"))
                .withMessageContaining("63-byte");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "y").withTable("t".repeat(64)))
                .withMessageContaining("silently");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "y").withTable("x\"; drop"))
                .withMessageContaining("link table name");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "y").withColumn("created_at", "text"))
                .withMessageContaining("standard columns");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "y").withColumn("x_id", "text"))
                .withMessageContaining("standard columns");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "y").withColumn("n", "text").withColumn("n", "int"))
                .withMessageContaining("declared twice");
        assertThatIllegalArgumentException().isThrownBy(() -> ModuleLink.between("a", "x", "b", "y").withColumn("n", "text; drop table t"))
                .withMessageContaining("Invalid type");
        ModuleLink ok = ModuleLink.between("a", "x", "b", "y").withColumn("amount", "numeric(10, 2)").withColumn("tags", "varchar(20)[]")
                .withColumn("at", "timestamp(3) with time zone");
        assertThat(ok.extraColumns()).extracting(LinkColumn::type).containsExactly("numeric(10, 2)", "varchar(20)[]", "timestamp(3) with time zone");
    }

    @Test
    void descriptorIsCanonicalJsonWithSortedKeys() {
        ModuleLink link = ModuleLink.between("product", "product", "brand", "brand").withColumn("position", "integer");
        assertThat(link.descriptor()).isEqualTo("{\"columns\":[{\"name\":\"position\",\"type\":\"integer\"}],\"entityA\":\"product\","
                + "\"entityB\":\"brand\",\"moduleA\":\"product\",\"moduleB\":\"brand\",\"table\":\"product_product_brand_brand\"}");
        assertThat(link.descriptor()).isEqualTo(ModuleLink.between("product", "product", "brand", "brand").withColumn("position", "integer").descriptor());
    }

    @Test
    void safeModeAcceptsOnlySafeActions() {
        LinkAction create = new LinkAction("t", LinkAction.Kind.CREATE_TABLE, true, java.util.List.of("create table t ()"), "creates table t");
        LinkAction drop = new LinkAction("t", LinkAction.Kind.DROP_TABLE, false, java.util.List.of("drop table t"), "drops table t with 1 row");
        assertThat(LinkMode.SAFE.test(create)).isTrue();
        assertThat(LinkMode.SAFE.test(drop)).isFalse();
        assertThat(LinkMode.ALL.test(drop)).isTrue();
        LinkPlan plan = new LinkPlan(java.util.List.of(), java.util.List.of(create, drop));
        assertThat(plan.safe()).containsExactly(create);
        assertThat(plan.unsafe()).containsExactly(drop);
        assertThat(plan.toSql()).contains("-- UNSAFE: drops table t with 1 row\ndrop table t;\n");
    }
}
