package io.modulemigrations.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementsTest {

    @Nested
    class Split {

        @Test
        void splitsOnSemicolonsTrimsAndDropsTheTerminator() {
            assertThat(SqlStatements.split("  create table a (id int);\n\n  insert into a values (1) ;\n"))
                    .containsExactly("create table a (id int)", "insert into a values (1)");
        }

        @Test
        void returnsAFinalStatementWithoutSemicolon() {
            assertThat(SqlStatements.split("select 1; select 2\n")).containsExactly("select 1", "select 2");
        }

        @Test
        void dropsEmptyStatements() {
            assertThat(SqlStatements.split(";;  ;\n select 1;;")).containsExactly("select 1");
        }

        @Test
        void emptyOrBlankScriptHasNoStatements() {
            assertThat(SqlStatements.split("")).isEmpty();
            assertThat(SqlStatements.split(" \n\t\r\n")).isEmpty();
        }

        @Test
        void dropsStatementsOfOnlyCommentsAndWhitespace() {
            assertThat(SqlStatements.split("-- nothing here;\n/* nor ; here */ ; select 1; -- trailing\n /* end */"))
                    .containsExactly("select 1");
        }

        @Test
        void keepsCommentsInsideAStatementAsWritten() {
            assertThat(SqlStatements.split("-- make a\ncreate table a ( -- the key\n id int /* ; */);\nselect 1;"))
                    .containsExactly("-- make a\ncreate table a ( -- the key\n id int /* ; */)", "select 1");
        }

        @Test
        void doesNotSplitInSingleQuotedStrings() {
            assertThat(SqlStatements.split("insert into t values ('a;b', 'it''s; fine');select 2"))
                    .containsExactly("insert into t values ('a;b', 'it''s; fine')", "select 2");
        }

        @Test
        void backslashDoesNotEscapeInStandardStrings() {
            // standard_conforming_strings: 'C:\' is a complete string
            assertThat(SqlStatements.split("select 'C:\\';select 2"))
                    .containsExactly("select 'C:\\'", "select 2");
        }

        @Test
        void backslashEscapesInEscapeStrings() {
            assertThat(SqlStatements.split("select E'it\\'s; \\\\';select e'a''b;c';select 3"))
                    .containsExactly("select E'it\\'s; \\\\'", "select e'a''b;c'", "select 3");
        }

        @Test
        void anIdentifierEndingInEIsNotAnEscapeString() {
            // "name" followed directly by a string is not E'...': the backslash does not escape here
            assertThat(SqlStatements.split("select some'\\';select 2")).containsExactly("select some'\\'", "select 2");
        }

        @Test
        void doesNotSplitInQuotedIdentifiers() {
            assertThat(SqlStatements.split("create table \"a;\"\"b\" (\"x;\" int);select 2"))
                    .containsExactly("create table \"a;\"\"b\" (\"x;\" int)", "select 2");
        }

        @Test
        void doesNotSplitInDollarQuotes() {
            String body = "do $$ begin perform 1; raise notice 'x;'; end $$";
            assertThat(SqlStatements.split(body + ";select 2")).containsExactly(body, "select 2");
        }

        @Test
        void doesNotSplitInTaggedDollarQuotes() {
            String function = "create function f() returns int language plpgsql as $fn$ begin "
                    + "execute $q$select 1; select 2$q$; return 1; /* $$ ; */ end $fn$";
            assertThat(SqlStatements.split(function + ";\nselect 2")).containsExactly(function, "select 2");
        }

        @Test
        void aDollarQuoteEndsOnlyAtItsOwnTag() {
            String statement = "select $a$ $b$ ; $A$ ; $a$";
            assertThat(SqlStatements.split(statement + ";select 2")).containsExactly(statement, "select 2");
        }

        @Test
        void positionalParametersAreNotDollarQuotes() {
            assertThat(SqlStatements.split("select $1; select $2;")).containsExactly("select $1", "select $2");
        }

        @Test
        void dollarInsideIdentifiersIsNotAQuote() {
            assertThat(SqlStatements.split("select a$b$c; select x$$y; select 3"))
                    .containsExactly("select a$b$c", "select x$$y", "select 3");
        }

        @Test
        void quotesAndCommentsInsideDollarQuotesAreIgnored() {
            String statement = "select $$ it's -- not a comment /* nor this ; $$";
            assertThat(SqlStatements.split(statement + "; select 2")).containsExactly(statement, "select 2");
        }

        @Test
        void doesNotSplitInLineComments() {
            assertThat(SqlStatements.split("select 1 -- one; two\n; select 2 -- x;\r select 3"))
                    .containsExactly("select 1 -- one; two", "select 2 -- x;\r select 3");
        }

        @Test
        void doesNotSplitInNestedBlockComments() {
            assertThat(SqlStatements.split("select /* a /* b; */ c; */ 1; select 2"))
                    .containsExactly("select /* a /* b; */ c; */ 1", "select 2");
        }

        @Test
        void quotesInsideCommentsAreIgnored() {
            assertThat(SqlStatements.split("select 1 /* it's */; -- don't\nselect 2; /* \"$$ */ select 3"))
                    .containsExactly("select 1 /* it's */", "-- don't\nselect 2", "/* \"$$ */ select 3");
        }

        @Test
        void commentMarkersInsideStringsAreIgnored() {
            assertThat(SqlStatements.split("select '--', '/*'; select \"--;\"; select 3"))
                    .containsExactly("select '--', '/*'", "select \"--;\"", "select 3");
        }

        @Test
        void anUnterminatedQuoteRunsToTheEnd() {
            assertThat(SqlStatements.split("select 1; select 'oops; select 2;"))
                    .containsExactly("select 1", "select 'oops; select 2;");
            assertThat(SqlStatements.split("select 1; do $$ begin; end;")).containsExactly("select 1", "do $$ begin; end;");
        }

        @Test
        void anUnclosedBlockCommentIsKeptForTheDatabaseToReport() {
            assertThat(SqlStatements.split("select 1; /* open /* */; select 2"))
                    .containsExactly("select 1", "/* open /* */; select 2");
            assertThat(SqlStatements.split("select 1; /* closed /* */ */")).containsExactly("select 1");
            assertThat(SqlStatements.split("/*/")).containsExactly("/*/");
        }

        @Test
        void acceptsAllLineEndings() {
            assertThat(SqlStatements.split("select 1; -- a;\r\nselect 2; -- b;\rselect 3;\n"))
                    .containsExactly("select 1", "-- a;\r\nselect 2", "-- b;\rselect 3");
        }

        @Test
        void runsInLinearTimeOnLargeAndAdversarialInput() {
            String many = "insert into t values ('a;b', $$c;d$$, E'\\'');\n".repeat(200_000);
            String dollars = "$a ".repeat(300_000) + "$";
            String quotes = "x'".repeat(300_000);
            String comments = "/*".repeat(300_000);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(SqlStatements.split(many)).hasSize(200_000);
                assertThat(SqlStatements.split(dollars)).hasSize(1);
                assertThat(SqlStatements.split(quotes)).hasSize(1);
                assertThat(SqlStatements.split(comments)).hasSize(1);
                assertThat(SqlStatements.returnsRows(many)).isFalse();
                assertThat(SqlStatements.returnsRows(dollars)).isFalse();
            });
        }
    }

    @Nested
    class ReturnsRows {

        @ParameterizedTest
        @ValueSource(strings = {
            "select 1",
            "SELECT * FROM t",
            "with x as (select 1) select * from x",
            "values (1), (2)",
            "show search_path",
            "explain select 1",
            "table post",
            "fetch next from c",
            "call refresh()",
            "  \n\t Select 1",
            "-- comment\nselect 1",
            "/* a /* nested */ */ select 1",
            "((select 1) union (select 2))",
            "( /* c */ -- d\n ( select 1))",
            "insert into t values (1) returning id",
            "update t set a = 1 RETURNING *",
            "delete from t where id = 1 returning\nid",
            "insert into t(\"returning\") values ('returning') returning(id)",
        })
        void whenTheStatementMayReturnRows(String statement) {
            assertThat(SqlStatements.returnsRows(statement)).as(statement).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "",
            "-- select",
            "create table t (id int)",
            "insert into t select * from u",
            "update t set a = (select 1)",
            "insert into t values ('returning')",
            "insert into t values ($$ returning $$)",
            "insert into t values ($x$ returning $x$)",
            "insert into t values (E'\\' returning')",
            "insert into t (\"returning\") values (1)",
            "insert into t values (1) -- returning id",
            "insert into t values (1) /* returning id */",
            "alter table t add column returning_id int",
            "alter table t add column not_returning int",
            "alter table t add column x$returning int",
            "do $$ begin select 1; end $$",
            "selected",
            "\"select\"",
            "'select'",
            "create view v as select 1",
            "set x = 'select'",
        })
        void whenItDoesNot(String statement) {
            assertThat(SqlStatements.returnsRows(statement)).as(statement).isFalse();
        }

        @Test
        void everyRowReturningFirstKeyword() {
            for (String keyword : List.of("select", "with", "values", "show", "explain", "table", "fetch", "call")) {
                assertThat(SqlStatements.returnsRows(keyword.toUpperCase() + " x")).as(keyword).isTrue();
                assertThat(SqlStatements.returnsRows("(" + keyword + " x")).as(keyword).isTrue();
                assertThat(SqlStatements.returnsRows("x " + keyword)).as(keyword).isFalse();
            }
        }
    }
}
