package io.modulemigrations.autoconfigure.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.generate.ModuleEntities;
import io.modulemigrations.modulith.chain.ChainApplication;
import io.modulemigrations.modulith.chain.shipping.Shipping;
import io.modulemigrations.modulith.clash.ClashApplication;
import io.modulemigrations.modulith.clash.lines.Lines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** With Spring Modulith, an entity's module for db:generate is its application module's migration module. */
class ModulithEntityModulesTests {

    @Test
    void theApplicationModuleDecidesBeforeThePackageConvention() {
        ModulithEntityModules modules = new ModulithEntityModules(() -> ApplicationModules.of(ClashApplication.class));
        // package lines, application module identified as order_items
        assertThat(modules.moduleOf(Lines.class)).isEqualTo("order_items");
        ModuleEntities entities = ModuleEntities.of(List.of(Lines.class), ClashApplication.class.getPackageName(), Map.of(), modules);
        assertThat(entities.modules()).containsExactly("order_items");
    }

    @Test
    void packagesSettingStillWinsAndTypesOutsideModulesAreLeftToTheConvention() {
        ModulithEntityModules modules = new ModulithEntityModules(() -> ApplicationModules.of(ChainApplication.class));
        assertThat(modules.moduleOf(Shipping.class)).isEqualTo("shipping");
        assertThat(modules.moduleOf(String.class)).isNull();
        ModuleEntities entities = ModuleEntities.of(List.of(Shipping.class), ChainApplication.class.getPackageName(),
                Map.of("logistics", List.of(Shipping.class.getPackageName())), modules);
        assertThat(entities.modules()).containsExactly("logistics");
        assertThat(new ModulithEntityModules(() -> null).moduleOf(Shipping.class)).isNull();
    }
}
