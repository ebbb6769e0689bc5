package io.modulemigrations.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.modulith.fixture.ModulithFixtureApplication;
import io.modulemigrations.modulith.fixture.inventory.Inventory;
import io.modulemigrations.modulith.fixture.order.Orders;
import io.modulemigrations.test.spring.PostgresTestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application: modules are Spring Modulith's, and {@code order} migrates after {@code inventory} because its
 * code uses the inventory module, with no {@code depends-on} configured. (Its migration's timestamp is the earlier one,
 * and its table references inventory's, so running by timestamp would fail.)
 */
@SpringBootTest(classes = ModulithFixtureApplication.class)
@PostgresTestDatabase
class ModulithApplicationTests {

    @Autowired
    ModuleMigrations migrations;

    @Autowired
    DataSource dataSource;

    @Test
    void orderDependsOnInventoryAsSpringModulithSays() {
        assertThat(migrations.modules()).containsExactly("inventory", "order");
        assertThat(migrations.graph().dependenciesOf("order")).containsExactly("inventory");
        assertThat(migrations.graph().dependenciesOf("inventory")).isEmpty();
        assertThat(migrations.graph().order()).containsExactly("inventory", "order");
        assertThat(migrations.status().module("order").dependsOn()).containsExactly("inventory");
    }

    @Test
    void inventoryMigratedBeforeOrderOnStartup() {
        assertThat(new MigrationHistory(dataSource).appliedInOrder()).containsExactly(
                "inventory/Migration202501010900_CreateStock|1",
                "order/Migration202501010800_CreatePurchaseOrder|1");
    }

    @Test
    void theApplicationWorksOnTheMigratedSchema(@Autowired Inventory inventory, @Autowired Orders orders) {
        inventory.receive("apple", 3);
        orders.place("apple", 2);

        assertThat(inventory.quantity("apple")).isEqualTo(3);
    }
}
