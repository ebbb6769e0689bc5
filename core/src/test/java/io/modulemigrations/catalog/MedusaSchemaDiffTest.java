package io.modulemigrations.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.Db;
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
            List<String> written = asSnapshotsSeeIt(Db.catalog(empty.dataSource()));
            List<String> migrated = asSnapshotsSeeIt(Db.catalog(medusa.dataSource()));
            assertThat(migrated.stream().filter(l -> !written.contains(l)).toList()).as("catalog as the engine tests read it").isEmpty();
            assertThat(written.stream().filter(l -> !migrated.contains(l)).toList()).isEmpty();
        }
    }

    /**
     * The engine tests' catalog as snapshots see it. PostgreSQL 18 names not-null constraints, and
     * Medusa's renamed columns keep their old names ({@code price_money_amount_id_not_null} on
     * {@code currency_code}): snapshots treat not null as a column property, so the names go. An
     * {@code in} list is deparsed in a form that changes once applied ({@link Sql#canonical}).
     */
    private static List<String> asSnapshotsSeeIt(List<String> catalog) {
        return catalog.stream().map(line -> line.replaceFirst("^(constraint \\S+ )\\S+( NOT NULL \\S+)$", "$1(name)$2"))
                .map(line -> Sql.canonical(Sql.lower(line))).toList();
    }
}
