package io.modulemigrations.autoconfigure.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each change kind alone: blog's migration differs from its entities in one way, and db:generate
 * writes the migration that closes the gap, proven up, down and up again on the shadow database.
 */
@PostgresTest
class ChangeKindsTests {

    @TempDir
    Path project;

    static Stream<Arguments> changes() {
        return Stream.of(
                change("add column", up -> up.replace("title varchar(255), ", ""), "add column post.title", false),
                change("drop column", up -> up.replace("title varchar(255), ", "title varchar(255), legacy text, "),
                        "drop column post.legacy", true),
                change("type change", up -> up.replace("display_name varchar(100)", "display_name varchar(50)"),
                        "change type of author.display_name", false),
                change("nullability", up -> up.replace("display_name varchar(100) not null", "display_name varchar(100)"),
                        "set not null on author.display_name", true),
                change("default", up -> up.replace("display_name varchar(100) not null", "display_name varchar(100) not null default 'anonymous'"),
                        "drop default of author.display_name", false),
                change("new entity", up -> up.lines().filter(l -> !l.contains("author_ids") && !l.contains("create table author")
                        && !l.contains("references author")).map(l -> l + "\n").reduce("", String::concat), "create table author", false),
                change("new entity with an enum, index, unique and foreign keys", up -> up.lines().filter(l -> !l.contains("post"))
                        .filter(l -> !l.startsWith("    ")).map(l -> l + "\n").reduce("", String::concat), "create table post", false),
                change("dropped entity", up -> up + "create table old_note (id integer primary key);\n", "drop table old_note", true),
                change("unique", up -> up.replace("varchar(200) unique", "varchar(200)"), "add unique", false),
                change("index", up -> up.replace("create index post_published_at_idx on post (published_at);\n", ""),
                        "create index post_published_at_idx on post", false),
                change("foreign key in the module", up -> up.lines().filter(l -> !l.contains("references author")).map(l -> l + "\n")
                        .reduce("", String::concat), "add foreign key", false),
                change("foreign key to another module", up -> up.lines().filter(l -> !l.contains("references product"))
                        .map(l -> l + "\n").reduce("", String::concat), "add foreign key", false),
                change("sequence generator", up -> up.replace("author_ids start with 1 increment by 10", "author_ids start with 1 increment by 50"),
                        "alter sequence author_ids", false),
                change("enum as string with its check", up -> up.replace(" check ((status in ('DRAFT','PUBLISHED')))", ""),
                        "add check post_status_check on post", false));
    }

    private static Arguments change(String kind, UnaryOperator<String> blogMigration, String described, boolean unsafe) {
        return Arguments.of(kind, blogMigration, described, unsafe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void generatedMigrationPassesTheProofAndSaysWhatItDoes(String kind, UnaryOperator<String> blogMigration, String described,
            boolean unsafe, TestDatabase app) throws Exception {
        GenerateScenario scenario = new GenerateScenario(app, this.project,
                Map.of("product", GenerateScenario.PRODUCT_UP, "blog", blogMigration.apply(GenerateScenario.BLOG_UP)));
        int exit = scenario.run("db:generate", "blog", "--name", "Change");
        assertThat(exit).as(scenario.err.toString()).isZero();
        String out = scenario.out.toString();
        assertThat(out).startsWith("blog: Migration").contains("  " + described)
                .contains("Proven on a shadow database: up, down and up again each left exactly the expected tables.");
        assertThat(scenario.files()).singleElement().asString().matches("blog/Migration\\d{14}_Change\\.sql");
        String file = Files.readString(scenario.outputDir().resolve(scenario.files().get(0)));
        assertThat(file).contains("-- migrate:up\n", "-- migrate:down\n");
        String up = file.substring(file.indexOf("-- migrate:up\n"), file.indexOf("-- migrate:down\n"));
        if (unsafe) {
            assertThat(out).contains("UNSAFE steps (marked -- UNSAFE: in the file):");
            assertThat(up).contains("-- UNSAFE: ");
        } else {
            assertThat(out).doesNotContain("UNSAFE");
            assertThat(up).doesNotContain("UNSAFE");
        }
        assertThat(Sql.shadowDatabases(app.dataSource())).isEmpty();
    }
}
