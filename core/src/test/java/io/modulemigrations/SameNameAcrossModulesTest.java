package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.fixtures.Migration202507021059;
import io.modulemigrations.test.PostgresTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Medusa keyed history by name only, so same-named migrations of two modules skipped each other. */
@PostgresTest
class SameNameAcrossModulesTest {

    @Test
    void sameNameInTwoModulesBothApplyAndAreRecordedSeparately(DataSource ds) {
        ModuleMigrations migrations = ModuleMigrations.configure()
                .dataSource(ds)
                .javaMigrations(new Migration202507021059())
                .locations("classpath:fixtures/same-name")
                .load();

        MigrateResult result = migrations.migrate();

        assertThat(result.applied()).extracting(e -> e.id().toString())
                .containsExactlyInAnyOrder("blog/Migration202507021059", "product/Migration202507021059");
        assertThat(Db.tableExists(ds, "author")).isTrue();
        assertThat(Db.tableExists(ds, "product")).isTrue();
        assertThat(Db.history(ds)).containsExactly("blog/Migration202507021059|1", "product/Migration202507021059|1");
        assertThat(migrations.migrate().nothingToDo()).isTrue();
    }
}
