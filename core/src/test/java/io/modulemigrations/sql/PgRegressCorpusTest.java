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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL 16.1's own regression scripts (179 files, 33,298 statements) split by the engine and
 * compared, string for string, with the statements psql 15 sent for them ({@code expected/*.jsonl}).
 * No normalisation and no exceptions: every file's list equals psql's.
 */
class PgRegressCorpusTest {

    private static Path corpus;

    @BeforeAll
    static void locate() {
        corpus = locateCorpus();
    }

    @Test
    void everyFileSplitsExactlyAsPsqlSplitsIt() throws IOException {
        List<String> differences = new ArrayList<>();
        int files = 0;
        int statements = 0;
        try (Stream<Path> inputs = Files.list(corpus.resolve("input"))) {
            for (Path input : inputs.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                files++;
                String name = input.getFileName().toString().replaceFirst("\\.sql$", "");
                List<String> expected = expected(corpus.resolve("expected").resolve(name + ".jsonl"));
                List<String> actual = SqlStatements.parse(Files.readString(input, StandardCharsets.UTF_8)).stream().map(SqlStatement::text).toList();
                statements += actual.size();
                if (!actual.equals(expected)) {
                    differences.add(name + ": " + firstDifference(expected, actual));
                }
            }
        }
        assertThat(differences).as("files whose statements differ from psql's").isEmpty();
        assertThat(files).isEqualTo(179);
        assertThat(statements).isEqualTo(33_298);
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "statement " + (i + 1) + " of " + expected.size() + " (got " + actual.size() + "):\n  psql:   " + expected.get(i)
                        .replace("\n", "\\n") + "\n  engine: " + actual.get(i).replace("\n", "\\n");
            }
        }
        return expected.size() + " statements from psql, " + actual.size() + " from the engine";
    }

    private static List<String> expected(Path jsonl) throws IOException {
        List<String> statements = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                statements.add((String) MiniJson.parse(line));
            }
        }
        return statements;
    }

    static Path locateCorpus() {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty("pg-regress.corpus");
        if (property != null && !property.isBlank()) {
            candidates.add(property);
        }
        candidates.add("../../shared/corpus/pg-regress");
        candidates.add("/work/shared/corpus/pg-regress");
        for (String candidate : candidates) {
            try {
                Path path = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isDirectory(path.resolve("expected"))) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // not a usable path; try the next candidate
            }
        }
        return fail("pg-regress corpus not found in any of " + candidates + "; set -Dpg-regress.corpus=<path to shared/corpus/pg-regress>");
    }
}
