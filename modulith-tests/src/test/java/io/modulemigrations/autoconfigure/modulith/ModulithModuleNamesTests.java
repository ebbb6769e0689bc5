package io.modulemigrations.autoconfigure.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.migration.MigrationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.modulith.core.ApplicationModuleIdentifier;

class ModulithModuleNamesTests {

    @ParameterizedTest
    @CsvSource({
            "order, order",
            "order_items, order_items",
            "order.payment, order_payment",
            "Shipping-Rates, shipping_rates",
            "com.example.catalog, com_example_catalog",
            "2fa, m_2fa",
            "__root, m___root" })
    void identifierMapsToAValidModuleName(String identifier, String name) {
        String mapped = ModulithModuleNames.of(ApplicationModuleIdentifier.of(identifier));

        assertThat(mapped).isEqualTo(name);
        assertThat(MigrationId.isValidModule(mapped)).isTrue();
    }

    @Test
    void aValidModuleNameIsKept() {
        assertThat(ModulithModuleNames.of(ApplicationModuleIdentifier.of("inventory"))).isEqualTo("inventory");
    }
}
