package io.modulemigrations.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlMigrationScriptTest {

    private static final String SOURCE = "classpath:db/migrations/blog/Migration1.sql";

    private static SqlMigrationScript parse(String text) {
        return SqlMigrationScript.parse(SOURCE, text);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String text) {
        return assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidSqlMigrationException.class)
                .hasMessageStartingWith(SOURCE + ": ")
                .satisfies(e -> assertThat(((InvalidSqlMigrationException) e).source()).isEqualTo(SOURCE));
    }

    @Test
    void parsesUpAndDown() {
        SqlMigrationScript script = parse("""
                -- migrate:up
                create table post (id text primary key);
                -- migrate:down
                drop table post;
                """);

        assertThat(script.up()).isEqualTo("create table post (id text primary key);\n");
        assertThat(script.down()).isEqualTo("drop table post;\n");
        assertThat(script.upTransactional()).isTrue();
        assertThat(script.downTransactional()).isTrue();
        assertThat(script.reversible()).isTrue();
        assertThat(script.upStatements()).containsExactly("create table post (id text primary key);");
        assertThat(script.downStatements()).containsExactly("drop table post;");
    }

    @Test
    void withoutDownMarkerIsIrreversible() {
        SqlMigrationScript script = parse("-- migrate:up\ncreate table a (id int);\ncreate table b (id int);\n");

        assertThat(script.reversible()).isFalse();
        assertThat(script.down()).isNull();
        assertThat(script.downStatements()).isEmpty();
        assertThat(script.upStatements()).containsExactly("create table a (id int);", "create table b (id int);");
    }

    @Test
    void downMarkerFollowedByNothingIsReversibleWithNothingToUndo() {
        SqlMigrationScript atEnd = parse("-- migrate:up\nupdate a set x = 1;\n-- migrate:down");
        SqlMigrationScript withComments = parse("-- migrate:up\nupdate a set x = 1;\n-- migrate:down\n\n-- data only\n  \n");

        assertThat(atEnd.reversible()).isTrue();
        assertThat(atEnd.down()).isEmpty();
        assertThat(atEnd.downStatements()).isEmpty();
        assertThat(withComments.reversible()).isTrue();
        assertThat(withComments.downStatements()).isEmpty();
    }

    @Test
    void upMayBeEmpty() {
        SqlMigrationScript script = parse("-- migrate:up\n-- migrate:down\n");

        assertThat(script.up()).isEmpty();
        assertThat(script.upStatements()).isEmpty();
    }

    @Test
    void transactionFalseOnUpMarker() {
        SqlMigrationScript script = parse("-- migrate:up transaction:false\ncreate index concurrently i on t (a);\n"
                + "-- migrate:down\ndrop index i;\n");

        assertThat(script.upTransactional()).isFalse();
        assertThat(script.downTransactional()).isTrue();
    }

    @Test
    void transactionFalseOnDownMarker() {
        SqlMigrationScript script = parse("-- migrate:up\nselect 1;\n-- migrate:down transaction:false\nselect 2;\n");

        assertThat(script.upTransactional()).isTrue();
        assertThat(script.downTransactional()).isFalse();
    }

    @Test
    void transactionTrueIsTheDefaultSpelledOut() {
        SqlMigrationScript script = parse("-- migrate:up transaction:true\n-- migrate:down transaction:TRUE\n");

        assertThat(script.upTransactional()).isTrue();
        assertThat(script.downTransactional()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- migrate:up",
        "--migrate:up",
        "  --   migrate:up   ",
        "\t-- MIGRATE:UP",
        "-- Migrate:Up",
    })
    void upMarkerVariants(String marker) {
        assertThat(parse(marker + "\nselect 1;").upStatements()).containsExactly("select 1;");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- migrate:up transaction:false",
        "--migrate:up  transaction:false  ",
        "  -- MIGRATE:UP TRANSACTION:FALSE",
        "-- migrate:up\ttransaction:False",
    })
    void nonTransactionalMarkerVariants(String marker) {
        assertThat(parse(marker + "\nselect 1;").upTransactional()).isFalse();
    }

    @Test
    void acceptsCrLfAndCrLineEndings() {
        SqlMigrationScript crlf = parse("-- migrate:up\r\nselect 1;\r\nselect 2;\r\n-- migrate:down transaction:false\r\nselect 3;\r\n");
        SqlMigrationScript cr = parse("-- note\r-- migrate:up\rselect 1;\rselect 2;\r-- migrate:down\rselect 3;\r");

        assertThat(crlf.up()).isEqualTo("select 1;\r\nselect 2;\r\n");
        assertThat(crlf.down()).isEqualTo("select 3;\r\n");
        assertThat(crlf.downTransactional()).isFalse();
        assertThat(cr.up()).isEqualTo("select 1;\rselect 2;\r");
        assertThat(crlf.upStatements()).containsExactly("select 1;", "select 2;");
        assertThat(cr.upStatements()).containsExactly("select 1;", "select 2;");
        assertThat(cr.downStatements()).containsExactly("select 3;");
    }

    @Test
    void blankLinesAndLineCommentsMayPrecedeTheUpMarker() {
        SqlMigrationScript script = parse("\n-- Adds posts.\n   \n-- Author: me\n-- migrate:up\nselect 1;\n");

        assertThat(script.up()).isEqualTo("select 1;\n");
    }

    @Test
    void ignoresAByteOrderMark() {
        assertThat(parse("\uFEFF-- migrate:up\nselect 1;").upStatements()).containsExactly("select 1;");
    }

    @Test
    void keepsOtherCommentsInTheSections() {
        SqlMigrationScript script = parse("-- migrate:up\n-- create the table\ncreate table a (id int);\n"
                + "-- migrate:down\n-- and drop it\ndrop table a;\n");

        assertThat(script.up()).isEqualTo("-- create the table\ncreate table a (id int);\n");
        // as psql sends them: -- comments before a statement are not part of it
        assertThat(script.upStatements()).containsExactly("create table a (id int);");
        assertThat(script.downStatements()).containsExactly("drop table a;");
    }

    @Test
    void aMarkerMustBeAWholeLine() {
        SqlMigrationScript script = parse("-- migrate:up\nselect 1; -- migrate:down\nselect '-- migrate:down';\n");

        assertThat(script.reversible()).isFalse();
        assertThat(script.upStatements()).containsExactly("select 1;", "select '-- migrate:down';");
    }

    @Test
    void missingUpMarker() {
        assertInvalid("create table a (id int);\n").hasMessageContaining("line 1: SQL before '-- migrate:up'");
        assertInvalid("").hasMessage(SOURCE + ": no '-- migrate:up' line; a SQL migration starts with"
                + " '-- migrate:up', then its SQL, then optionally '-- migrate:down' and the SQL that undoes it.");
        assertInvalid("-- just a comment\n\n").hasMessageContaining("no '-- migrate:up' line");
    }

    @Test
    void duplicateUpMarker() {
        assertInvalid("-- migrate:up\nselect 1;\n-- migrate:up\nselect 2;\n")
                .hasMessageContaining("line 3: a second '-- migrate:up' line (the first is line 1)");
    }

    @Test
    void duplicateDownMarker() {
        assertInvalid("-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n-- migrate:down transaction:false\n")
                .hasMessageContaining("line 5: a second '-- migrate:down' line (the first is line 3)");
    }

    @Test
    void downMarkerBeforeUpMarker() {
        assertInvalid("-- migrate:down\ndrop table a;\n-- migrate:up\ncreate table a (id int);\n")
                .hasMessageContaining("line 1: '-- migrate:down' comes before '-- migrate:up'");
    }

    @Test
    void upMarkerAfterDownMarker() {
        assertInvalid("-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n-- migrate:up\n")
                .hasMessageContaining("line 5: a second '-- migrate:up' line (the first is line 1)");
    }

    @Test
    void sqlBeforeUpMarker() {
        assertInvalid("-- header\nset search_path = blog;\n-- migrate:up\nselect 1;\n")
                .hasMessageContaining("line 2: SQL before '-- migrate:up'; only blank lines and '--' comments");
    }

    @Test
    void blockCommentBeforeUpMarkerCountsAsSql() {
        assertInvalid("/* header */\n-- migrate:up\nselect 1;\n").hasMessageContaining("line 1: SQL before");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- migrate:donw",
        "-- migrate:up transaction:no",
        "-- migrate:up transaction: false",
        "-- migrate:down please",
        "-- migrate:",
    })
    void markerTyposAreErrors(String marker) {
        assertInvalid("-- migrate:up\nselect 1;\n" + marker + "\nselect 2;\n")
                .hasMessageContaining("line 3: '" + marker + "' is not a valid marker; expected '-- migrate:up' or"
                        + " '-- migrate:down', optionally followed by ' transaction:false'.");
    }

    @Test
    void errorMessagesNameTheSourceAndTheExpectedFormat() {
        assertInvalid("-- migrate:down\n").hasMessageEndingWith("a SQL migration starts with '-- migrate:up',"
                + " then its SQL, then optionally '-- migrate:down' and the SQL that undoes it.");
    }

    @Test
    void eachSectionIsSplitOnceWithTheFilesLineNumbers() {
        SqlMigrationScript script = parse("-- migrate:up transaction:false\nselect 1; select 2;\n-- migrate:down\nselect 3\n");

        assertThat(script.upStatements()).containsExactly("select 1;", "select 2;");
        assertThat(script.downStatements()).containsExactly("select 3");
        assertThat(script.downSql()).singleElement().extracting(SqlStatement::line).isEqualTo(4);
        assertThat(script.upSql()).as("split when parsed, not on each call").isSameAs(script.upSql());
        assertThat(script.reversible()).isTrue();
    }

    @Test
    void textIsRequired() {
        assertThatThrownBy(() -> SqlMigrationScript.parse(SOURCE, null)).isInstanceOf(NullPointerException.class);
    }
}
