package io.modulemigrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.sample.blog.PostRepository;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JPA sample app ({@code ddl-auto=validate}) started on an empty database: the migrations run
 * during startup, before Hibernate validates the entities against the schema, and the application's
 * own runner already sees the migrated tables.
 */
@SpringBootTest
@Import(StartupOrder.class)
class JpaOnEmptyDatabaseTests {

    static final TestDatabase database = PostgresServer.shared().createDatabase("sample_jpa_empty");

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("sample.runner-marker", () -> dir.resolve("runner-ran").toString());
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
    void everyMigrationRanBeforeTheEntityManagerFactoryWasBuilt() {
        List<String> events = this.order.events();
        assertThat(events).hasSize(5).last().isEqualTo(StartupOrder.ENTITY_MANAGER_FACTORY);
        assertThat(events.subList(0, 4)).containsExactlyInAnyOrder("migrated blog/Migration202507021059",
                "migrated blog/Migration202507021100", "migrated product/Migration202507030900", "migrated brand/Migration202507031000");
    }

    @Test
    void entitiesReadTheMigratedTables() {
        assertThat(this.posts.findAllByOrderById()).extracting(post -> post.getAuthor().getName()).containsExactly("Ada Lovelace");
    }

    @Test
    void theApplicationsRunnerSawTheMigratedSchema() throws IOException {
        assertThat(Files.readString(dir.resolve("runner-ran"))).isEqualTo("Sample runner ran: the blog has 1 post(s)\n");
    }
}
