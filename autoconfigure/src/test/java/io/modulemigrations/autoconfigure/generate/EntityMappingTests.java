package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.autoconfigure.generate.fixtures.blog.Author;
import io.modulemigrations.autoconfigure.generate.fixtures.blog.Post;
import io.modulemigrations.autoconfigure.generate.fixtures.product.Product;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The DDL Hibernate would run for entities, built from the mapping alone with Spring Boot's settings. */
class EntityMappingTests {

    private static final int[] PG18 = {18, 0};
    private static final List<Class<?>> ENTITIES = List.of(Author.class, Post.class, Product.class);

    private static Map<String, Object> settings(MockEnvironment environment) {
        return JpaSettings.resolve(environment, null, null, List.of());
    }

    @Test
    void ddlForPostgresWithSpringBootsNamingStrategies() {
        try (EntityMapping mapping = EntityMapping.of(settings(new MockEnvironment()), ENTITIES, PG18, "public")) {
            List<String> all = mapping.createStatements(relation -> true);
            assertThat(all).contains(
                    "create sequence author_ids start with 1 increment by 10",
                    "create table author (id bigint not null, display_name varchar(100) not null, primary key (id))",
                    "create table product (id varchar(255) not null, price numeric(38,2), primary key (id))");
            assertThat(all).anySatisfy(s -> assertThat(s).startsWith("create table post (")
                    .contains("author_id bigint not null", "published_at timestamp(6) with time zone", "featured_product_id varchar(255)"));
            assertThat(all).anySatisfy(s -> assertThat(s).matches(
                    "alter table if exists post add constraint \\w+ foreign key \\(author_id\\) references author"));
        }
    }

    @Test
    void tablesAndSequencesEachEntityMaps() {
        try (EntityMapping mapping = EntityMapping.of(settings(new MockEnvironment()), ENTITIES, PG18, "public")) {
            assertThat(mapping.tablesOf(Post.class)).containsExactly(new Relation("public", "post"));
            assertThat(mapping.sequencesOf(Post.class)).containsExactly(new Relation("public", "post_seq"));
            assertThat(mapping.sequencesOf(Product.class)).isEmpty();
            assertThat(mapping.sequencesOf(Author.class)).containsExactly(new Relation("public", "author_ids"));
        }
    }

    @Test
    void onlyTheAcceptedTablesButTheirForeignKeysToOthers() {
        try (EntityMapping mapping = EntityMapping.of(settings(new MockEnvironment()), ENTITIES, PG18, "public")) {
            Set<Relation> blog = Set.of(new Relation("public", "post"), new Relation("public", "post_seq"));
            List<String> statements = mapping.createStatements(blog::contains);
            assertThat(statements).noneMatch(s -> s.contains("create table author") || s.contains("create table product")
                    || s.contains("author_ids"));
            assertThat(statements).anyMatch(s -> s.contains("foreign key (featured_product_id) references product"));
        }
    }

    @Test
    void springJpaPropertiesAndNamingSettingsApply() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.jpa.properties.hibernate.globally_quoted_identifiers", "true")
                .withProperty("spring.jpa.hibernate.naming.physical-strategy",
                        "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl");
        try (EntityMapping mapping = EntityMapping.of(settings(environment), ENTITIES, PG18, "public")) {
            assertThat(mapping.createStatements(relation -> true))
                    .anyMatch(s -> s.startsWith("create table \"Author\" (\"id\" bigint not null, \"displayName\" varchar(100) not null"));
            assertThat(mapping.tablesOf(Author.class)).containsExactly(new Relation("public", "Author"));
        }
    }
}
