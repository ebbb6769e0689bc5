package io.modulemigrations.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.MedusaCorpusMigrationTest;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real schema: the whole Medusa corpus, migrated by the engine, written from nothing by a diff
 * whose up and down pass the proof.
 */
@PostgresTest
class MedusaSchemaDiffTest {

    @Test
    void theWholeMedusaSchemaIsWrittenFromNothingAndBack(PostgresServer server) throws IOException, SQLException {
        try (TestDatabase medusa = server.createDatabase("medusa_target"); TestDatabase empty = server.createDatabase("medusa_scratch")) {
            MedusaCorpusMigrationTest.corpusMigrations(medusa.dataSource()).load().migrate();
            CatalogScope everything = CatalogScope.currentSchema();
            CatalogSnapshot target = Schemas.snapshot(medusa, everything);
            SchemaDiff diff = SchemaDiff.between(Schemas.snapshot(empty, everything), target);
            assertThat(target.tableNames()).hasSizeGreaterThan(100);

            try (Connection c = empty.connect()) {
                ProofResult result = RoundTripProof.run(c, everything, diff.upSql(), diff.downSql(), target, ColumnOrder.SIGNIFICANT);
                assertThat(result.succeeded()).as(result.message()).isTrue();
            }
            List<String> written = Schemas.engineCatalog(empty);
            List<String> migrated = Schemas.engineCatalog(medusa);
            assertThat(migrated.stream().filter(l -> !written.contains(l)).toList()).as("catalog as the engine tests read it").isEmpty();
            assertThat(written.stream().filter(l -> !migrated.contains(l)).toList()).isEmpty();
        }
    }
}
