package io.modulemigrations.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses and splits the 201 real Medusa v2 migrations of the shared corpus and compares the result
 * with the corpus manifest, whose statement counts were made with PostgreSQL's own parser.
 */
class MedusaCorpusTest {

    private static Path corpus;
    /** Manifest entries by {@code <module>/<MigrationName>}. */
    private static Map<String, Map<String, Object>> manifest;
    /** Parsed files by {@code <module>/<MigrationName>}. */
    private static Map<String, SqlMigrationScript> scripts;

    @BeforeAll
    static void readCorpus() throws IOException {
        corpus = locateCorpus();
        manifest = readManifest(corpus.resolve("manifest.json"));
        scripts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String key = corpus.relativize(file).toString().replace('\\', '/').replaceFirst("\\.sql$", "");
                String text = Files.readString(file, StandardCharsets.UTF_8);
                scripts.put(key, SqlMigrationScript.parse("corpus:" + key + ".sql", text));
            }
        }
    }

    @Test
    void holdsExactlyTheMigrationsOfTheManifest() {
        assertThat(scripts).hasSize(201);
        assertThat(new TreeSet<>(scripts.keySet())).isEqualTo(new TreeSet<>(manifest.keySet()));
    }

    @Test
    void irreversibleAreExactlyThoseWithoutDownInTheManifest() {
        List<String> expected = new ArrayList<>();
        manifest.forEach((key, migration) -> {
            if (((String) migration.get("down")).startsWith("not defined")) {
                expected.add(key);
            }
        });
        List<String> irreversible = scripts.entrySet().stream()
                .filter(e -> !e.getValue().reversible()).map(Map.Entry::getKey).toList();

        assertThat(irreversible).hasSize(28).containsExactlyInAnyOrderElementsOf(expected);
        scripts.values().forEach(script -> assertThat(script.upTransactional() && script.downTransactional()).isTrue());
    }

    @Test
    void downsThatAddNoSqlAreReversibleWithNothingToUndo() {
        List<String> nothingToUndo = scripts.entrySet().stream()
                .filter(e -> e.getValue().reversible() && e.getValue().downStatements().isEmpty())
                .map(Map.Entry::getKey).toList();
        List<String> expected = manifest.entrySet().stream()
                .filter(e -> e.getValue().get("down").equals("defined, adds no SQL"))
                .map(Map.Entry::getKey).toList();

        assertThat(nothingToUndo).hasSize(5).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void statementCountsMatchTheManifest() {
        List<String> differences = new ArrayList<>();
        long up = 0;
        long down = 0;
        for (var entry : scripts.entrySet()) {
            Map<String, Object> migration = manifest.get(entry.getKey());
            int upCount = entry.getValue().upStatements().size();
            int downCount = entry.getValue().downStatements().size();
            up += upCount;
            down += downCount;
            if (upCount != count(migration, "up_sql_statements") || downCount != count(migration, "down_sql_statements")) {
                differences.add(entry.getKey() + ": up " + upCount + " (manifest " + migration.get("up_sql_statements")
                        + "), down " + downCount + " (manifest " + migration.get("down_sql_statements") + ")");
            }
        }

        assertThat(differences).isEmpty();
        assertThat(up).isEqualTo(1418);
        assertThat(down).isEqualTo(596);
    }

    @Test
    void everyStatementIsAsPsqlSendsItAndSplitsAgainIntoItself() {
        scripts.values().forEach(script -> {
            List<String> statements = new ArrayList<>(script.upStatements());
            statements.addAll(script.downStatements());
            assertThat(statements).allSatisfy(statement -> {
                assertThat(statement).isEqualTo(statement.strip());
                assertThat(SqlStatements.split(statement)).containsExactly(statement);
            });
        });
    }

    private static int count(Map<String, Object> migration, String field) {
        return ((Number) migration.get(field)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> readManifest(Path file) throws IOException {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Map<String, Object>> migrations = new TreeMap<>();
        for (Object module : (List<Object>) root.get("modules")) {
            Map<String, Object> moduleEntry = (Map<String, Object>) module;
            for (Object migration : (List<Object>) moduleEntry.get("migrations")) {
                Map<String, Object> migrationEntry = (Map<String, Object>) migration;
                migrations.put(moduleEntry.get("module") + "/" + migrationEntry.get("name"), migrationEntry);
            }
        }
        return migrations;
    }

    private static Path locateCorpus() {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty("medusa.corpus");
        if (property != null && !property.isBlank()) {
            candidates.add(property);
        }
        candidates.add("../../shared/corpus/medusa");
        candidates.add("/work/shared/corpus/medusa");
        for (String candidate : candidates) {
            try {
                Path path = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isRegularFile(path.resolve("manifest.json"))) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // not a usable path; try the next candidate
            }
        }
        return fail("Medusa corpus not found (no manifest.json) in any of " + candidates
                + "; set -Dmedusa.corpus=<path to shared/corpus/medusa>");
    }
}
