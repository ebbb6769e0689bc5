package io.modulemigrations.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.Db;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Test helpers: databases built from plain SQL, their snapshots, and the round trip every diff
 * must pass.
 */
final class Schemas {

    /** The other module's table: outside every scope of these tests, referenced by foreign keys. */
    static final String OTHER_MODULE = "create table author (id bigint primary key, name text not null);\n"
            + "insert into author values (1, 'Ada');\n";

    /** The module's tables and sequences: what the diff may touch. */
    static final Set<String> MODULE_TABLES = Set.of("post", "comment", "tag", "post_tag");
    static final CatalogScope MODULE = CatalogScope.currentSchema().tables(MODULE_TABLES)
            .sequences(Set.of("post_seq", "post_legacy_id_seq"));

    private Schemas() {
    }

    /** A fresh database holding the other module's table and then {@code sql}. */
    static TestDatabase database(PostgresServer server, String hint, String sql) {
        TestDatabase db = server.createDatabase(hint);
        Db.execute(db.dataSource(), OTHER_MODULE + sql);
        return db;
    }

    static CatalogSnapshot snapshot(TestDatabase db, CatalogScope scope) {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c, scope);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The engine tests' own catalog listing ({@link Db#catalog}), a second opinion on the snapshots,
     * with two differences snapshots deliberately ignore: the names PostgreSQL 18 gives not-null
     * constraints (snapshots treat not null as a column property; Medusa's renamed columns keep
     * names like {@code price_money_amount_id_not_null} on {@code currency_code}), and the form of
     * an {@code in} list, which PostgreSQL deparses differently once applied ({@link Sql#canonical}).
     */
    static List<String> engineCatalog(TestDatabase db) {
        return Db.catalog(db.dataSource()).stream()
                .map(line -> line.replaceFirst("^(constraint \\S+ )\\S+( NOT NULL \\S+)$", "$1(name)$2"))
                .map(line -> Sql.canonical(Sql.lower(line))).toList();
    }

    static ProofResult prove(TestDatabase scratch, SchemaDiff diff, CatalogSnapshot expected) {
        try (Connection c = scratch.connect()) {
            return RoundTripProof.run(c, MODULE, diff.upSql(), diff.downSql(), expected, ColumnOrder.IGNORED);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds state A and state B in two databases, diffs their module tables, and proves the diff
     * on A: up gives B, down gives A, up applies again; the other module's table is untouched.
     *
     * @return the diff from A to B
     */
    static SchemaDiff roundTrip(PostgresServer server, String a, String b) {
        try (TestDatabase dbA = database(server, "catalog_a", a); TestDatabase dbB = database(server, "catalog_b", b)) {
            CatalogSnapshot from = snapshot(dbA, MODULE);
            CatalogSnapshot to = snapshot(dbB, MODULE);
            SchemaDiff diff = SchemaDiff.between(from, to);
            assertThat(diff.isEmpty()).as("A and B differ, so the diff has steps").isFalse();
            CatalogScope otherModule = CatalogScope.currentSchema().tables(List.of("author"));
            List<String> otherBefore = snapshot(dbA, otherModule).lines();
            List<String> otherRows = Db.rows(dbA.dataSource(), "select * from author order by id");

            ProofResult result = prove(dbA, diff, to);

            assertThat(result.succeeded()).as("proof of\n-- up\n%s-- down\n%s\n%s", diff.upSql(), diff.downSql(), result).isTrue();
            assertThat(engineCatalog(dbA)).as("catalog as the engine tests read it").isEqualTo(engineCatalog(dbB));
            assertThat(snapshot(dbA, otherModule).lines()).isEqualTo(otherBefore);
            assertThat(Db.rows(dbA.dataSource(), "select * from author order by id")).isEqualTo(otherRows);
            assertThat(diff.reverse().changes()).isNotEmpty();
            return diff;
        }
    }
}
