package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.generate.fixtures.GenerateFixtureApplication;
import io.modulemigrations.autoconfigure.generate.fixtures.Setting;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Author;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Post;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
import io.modulemigrations.autoconfigure.generate.fixtures.shared.brand.Brand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which module each entity belongs to: the package below the application's, or modules.<m>.packages. */
class ModuleEntitiesTests {

    private static final String APPLICATION_PACKAGE = GenerateFixtureApplication.class.getPackageName();
    private static final List<Class<?>> ENTITIES = List.of(Post.class, Author.class, Product.class, Brand.class, Setting.class);

    @Test
    void moduleIsThePackageBelowTheApplications() {
        ModuleEntities entities = ModuleEntities.of(ENTITIES, APPLICATION_PACKAGE, Map.of());
        assertThat(entities.modules()).containsExactly("blog", "product", "shared");
        assertThat(entities.entities("blog")).containsExactly(Author.class, Post.class);
        assertThat(entities.entities("shared")).containsExactly(Brand.class);
        assertThat(entities.moduleOf(Product.class)).isEqualTo("product");
        assertThat(entities.unassigned()).containsExactly(Setting.class);
    }

    @Test
    void packagesSettingOverridesTheConventionMostSpecificFirst() {
        ModuleEntities entities = ModuleEntities.of(ENTITIES, APPLICATION_PACKAGE,
                Map.of("brand", List.of(Brand.class.getPackageName()), "catalog", List.of(APPLICATION_PACKAGE + ".shared"),
                        "settings", List.of(APPLICATION_PACKAGE)));
        assertThat(entities.moduleOf(Brand.class)).isEqualTo("brand");
        // "settings" names the application package, so it takes every entity no more specific setting names
        assertThat(entities.moduleOf(Post.class)).isEqualTo("settings");
        assertThat(entities.moduleOf(Setting.class)).isEqualTo("settings");
        assertThat(entities.modules()).containsExactly("brand", "settings");
        assertThat(entities.unassigned()).isEmpty();
    }

    @Test
    void entitiesOutsideTheApplicationOrBelowANonModuleNameBelongToNone() {
        ModuleEntities entities = ModuleEntities.of(ENTITIES, "io.modulemigrations.autoconfigure.generate.fixtures.blog", Map.of());
        assertThat(entities.modules()).isEmpty();
        assertThat(entities.unassigned()).hasSize(5);
    }
}
