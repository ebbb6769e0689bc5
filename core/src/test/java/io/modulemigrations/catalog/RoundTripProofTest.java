package io.modulemigrations.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The proof fails, saying why, when an up or a down does not do what it claims. */
@PostgresTest
class RoundTripProofTest {

    private static final String POST = "create table post (id bigint primary key, title text);";
    private static final String INDEXED = POST + " create index post_title_idx on post (title);";

    private static ProofResult prove(PostgresServer server, String up, String down) throws SQLException {
        try (TestDatabase a = Schemas.database(server, "proof_a", POST); TestDatabase b = Schemas.database(server, "proof_b", INDEXED);
                Connection c = a.connect()) {
            return RoundTripProof.run(c, Schemas.MODULE, up, down, Schemas.snapshot(b, Schemas.MODULE), ColumnOrder.IGNORED);
        }
    }

    @Test
    void aDownThatForgetsAnIndexDiffersNamingTheIndex(PostgresServer server) throws SQLException {
        ProofResult result = prove(server, "create index post_title_idx on post (title);", "");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failedStep()).isEqualTo(ProofResult.Step.DOWN);
        assertThat(result.difference().unexpected()).containsExactly("table post index post_title_idx using btree (title)");
        assertThat(result.message()).isEqualTo("down ran, but the tables differ from the state before up:\n"
                + "+ table post index post_title_idx using btree (title)\n");
    }

    @Test
    void aFailingDownGivesTheStatementAndTheDatabasesWords(PostgresServer server) throws SQLException {
        ProofResult result = prove(server, "create index post_title_idx on post (title);", "drop index post_title;");

        assertThat(result.failedStep()).isEqualTo(ProofResult.Step.DOWN);
        assertThat(result.statement()).isEqualTo("drop index post_title;");
        assertThat(result.error()).contains("index \"post_title\" does not exist");
        assertThat(result.message()).startsWith("down failed at: drop index post_title;\n")
                .endsWith("The step's transaction was rolled back; nothing of it was kept.");
    }

    @Test
    void anUpThatMissesTheTargetDiffers(PostgresServer server) throws SQLException {
        ProofResult result = prove(server, "create index post_title_idx on post (title desc);", "drop index post_title_idx;");

        assertThat(result.failedStep()).isEqualTo(ProofResult.Step.UP);
        assertThat(result.difference().missing()).containsExactly("table post index post_title_idx using btree (title)");
        assertThat(result.difference().unexpected()).containsExactly("table post index post_title_idx using btree (title desc)");
    }

    @Test
    void aDownThatLeavesSomethingOutsideTheScopeInTheWayOfUpFailsAtUpAgain(PostgresServer server) throws SQLException {
        ProofResult result = prove(server, "create index post_title_idx on post (title);",
                "drop index post_title_idx; create table post_title_idx (id int);");

        assertThat(result.failedStep()).isEqualTo(ProofResult.Step.UP_AGAIN);
        assertThat(result.error()).contains("relation \"post_title_idx\" already exists");
        assertThat(result.message()).startsWith("up again after down failed at: create index post_title_idx on post (title);\n");
    }

    @Test
    void aDownThatAddsATableInTheScopeDiffers(PostgresServer server) throws SQLException {
        ProofResult result = prove(server, "create index post_title_idx on post (title);",
                "drop index post_title_idx; create table post_tag (id int);");

        assertThat(result.failedStep()).isEqualTo(ProofResult.Step.DOWN);
        assertThat(result.difference().unexpected()).containsExactly("table post_tag", "table post_tag column id integer");
        assertThat(result.difference().missing()).isEmpty();
    }

    @Test
    void aCorrectPairPasses(PostgresServer server) throws SQLException {
        ProofResult result = prove(server, "create index post_title_idx on post (title);", "drop index post_title_idx;");

        assertThat(result.succeeded()).as(result.message()).isTrue();
    }
}
