package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.RollbackOptions;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.sample.blog.Migration202507021059;
import io.modulemigrations.sample.blog.PostRepository;
import io.modulemigrations.sample.brand.Migration202507031000;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A deploy that brings a new migration: the database has every migration but blog's newest (table
 * {@code post}, which the {@code Post} entity maps). The JPA app ({@code ddl-auto=validate}) starts,
 * applying that migration before Hibernate validates.
 */
@SpringBootTest
@Import(StartupOrder.class)
class JpaAfterNewMigrationTests {

    static final TestDatabase database = schemaOneMigrationBehind();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Autowired
    StartupOrder.Recorder order;

    @Autowired
    PostRepository posts;

    @Test
    void theNewMigrationRanBeforeTheEntityManagerFactoryWasBuilt() {
        assertThat(this.order.events()).containsExactly("migrated blog/Migration202507021100", StartupOrder.ENTITY_MANAGER_FACTORY);
        assertThat(this.posts.count()).isEqualTo(1);
    }

    @Test
    void theNewMigrationIsInItsOwnBatch() throws SQLException {
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery("select batch from module_migrations where name = 'Migration202507021100'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    // Everything migrated, then blog's newest migration (create table post) rolled back, with the engine alone.
    private static TestDatabase schemaOneMigrationBehind() {
        TestDatabase database = PostgresServer.shared().createDatabase("sample_jpa_behind");
        ModuleMigrations engine = ModuleMigrations.configure().dataSource(database.dataSource())
                .javaMigrations(new Migration202507021059(), new Migration202507031000())
                .locations("classpath:db/migrations")
                .dependsOn("brand", "product")
                .links(List.of(ModuleLink.between("product", "product", "brand", "brand")))
                .load();
        engine.migrate();
        engine.rollback(List.of("blog"), RollbackOptions.latestBatch().withSteps(1));
        return database;
    }
}
