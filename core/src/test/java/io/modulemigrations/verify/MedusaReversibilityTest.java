package io.modulemigrations.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.FluentConfiguration;
import io.modulemigrations.MedusaCorpusMigrationTest;
import io.modulemigrations.ModuleMigrations;
import io.modulemigrations.sql.MiniJson;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Medusa's own downs, checked one by one: what does not restore and what fails is what the corpus's
 * validation.json found (each migration in isolation on PostgreSQL 15), and nothing else.
 */
@PostgresTest
class MedusaReversibilityTest {

    @Test
    void theDownsThatDoNotRestoreAndTheOneThatFailsAreThoseValidationFound(PostgresServer server) throws Exception {
        Map<String, Set<String>> expected = expected();
        try (TestDatabase db = server.createDatabase("medusa_verify")) {
            FluentConfiguration corpus = MedusaCorpusMigrationTest.corpusMigrations(db.dataSource());
            ModuleMigrations application = corpus.load();
            VerifyReport report;
            try (ReversibilityVerifier verifier = new ReversibilityVerifier(application, db.dataSource(), List.of())) {
                corpus.listener(verifier).load().migrate();
                report = verifier.report();
            }
            assertThat(report.problems()).isEmpty();
            // In one database, objects two modules both create (validation.json's together_without.shared_objects) make one
            // more down differ: order's down drops the index cart made under the same name. Nothing else may differ.
            List<String> shared = sharedObjects();
            Set<String> differs = ids(report, Outcome.DIFFERS);
            assertThat(differs).containsAll(expected.get("does not restore"));
            for (MigrationCheck extra : report.checks()) {
                if (extra.outcome() == Outcome.DIFFERS && !expected.get("does not restore").contains(extra.module() + "/" + extra.name())) {
                    List<String> lines = new java.util.ArrayList<>(extra.difference().missing());
                    lines.addAll(extra.difference().unexpected());
                    assertThat(lines).as(extra.module() + "/" + extra.name()).allMatch(line -> shared.stream().anyMatch(line::contains));
                }
            }
            assertThat(differs).hasSize(expected.get("does not restore").size() + 1);
            assertThat(ids(report, Outcome.DOWN_FAILS)).isEqualTo(expected.get("down failed"));
            assertThat(ids(report, Outcome.IRREVERSIBLE)).isEqualTo(expected.get("no down (irreversible in Medusa)"));
            assertThat(ids(report, Outcome.UP_FAILS_AGAIN)).isEmpty();
            Set<String> columnOrderOnly = new TreeSet<>();
            report.checks().stream().filter(c -> !c.columnOrder().isEmpty() && c.outcome() == Outcome.RESTORES)
                    .forEach(c -> columnOrderOnly.add(c.module() + "/" + c.name()));
            assertThat(columnOrderOnly).isEqualTo(expected.get("restores, column order differs"));
            assertThat(report.checks()).hasSize(193);
        }
    }

    /** The quoted names of objects that two modules both create, e.g. {@code "IDX_line_item_product_type_id"}. */
    @SuppressWarnings("unchecked")
    static List<String> sharedObjects() throws Exception {
        Map<String, Object> validation = (Map<String, Object>) MiniJson.parse(
                Files.readString(MedusaCorpusMigrationTest.corpus().resolve("validation.json")));
        Map<String, Object> together = (Map<String, Object>) validation.get("together_without");
        return ((List<Object>) together.get("shared_objects")).stream()
                .map(o -> (String) ((Map<String, Object>) o).get("object"))
                .map(object -> "\"" + object.substring(object.indexOf(' ') + 1) + "\"").toList();
    }

    private static Set<String> ids(VerifyReport report, Outcome outcome) {
        Set<String> ids = new TreeSet<>();
        report.checks().stream().filter(c -> c.outcome() == outcome).forEach(c -> ids.add(c.module() + "/" + c.name()));
        return ids;
    }

    /** Per result in validation.json ("restores exactly", "does not restore", …), the migrations, without workflow_engine_redis. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> expected() throws Exception {
        Map<String, Object> validation = (Map<String, Object>) MiniJson.parse(
                Files.readString(MedusaCorpusMigrationTest.corpus().resolve("validation.json")));
        Map<String, Set<String>> byResult = new java.util.HashMap<>();
        for (Object o : (List<Object>) validation.get("modules")) {
            Map<String, Object> module = (Map<String, Object>) o;
            String name = (String) module.get("module");
            if (name.equals("workflow_engine_redis")) {
                continue;
            }
            for (Object r : (List<Object>) module.get("reversal")) {
                Map<String, Object> reversal = (Map<String, Object>) r;
                String result = ((String) reversal.get("result")).split(":")[0];
                byResult.computeIfAbsent(result, k -> new TreeSet<>()).add(name + "/" + reversal.get("migration"));
            }
        }
        for (String result : List.of("does not restore", "down failed", "no down (irreversible in Medusa)", "restores, column order differs")) {
            byResult.computeIfAbsent(result, k -> new TreeSet<>());
        }
        return byResult;
    }
}
