package io.modulemigrations.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
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
        void splitsAfterEachSemicolonKeepingItAsPsqlDoes() {
            assertThat(SqlStatements.split("  create table a (id int);\n\n  insert into a values (1) ;\n"))
                    .containsExactly("create table a (id int);", "insert into a values (1) ;");
        }

        @Test
        void returnsAFinalStatementWithoutSemicolon() {
            assertThat(SqlStatements.split("select 1; select 2\n")).containsExactly("select 1;", "select 2");
        }

        @Test
        void aSemicolonAloneIsAStatementWithNothingToRun() {
            assertThat(SqlStatements.parse(";;  ;\n select 1;;")).extracting(SqlStatement::text).containsExactly(";", ";", ";", "select 1;", ";");
            assertThat(SqlStatements.split(";;  ;\n select 1;;")).containsExactly("select 1;");
        }

        @Test
        void emptyOrBlankScriptHasNoStatements() {
            assertThat(SqlStatements.parse("")).isEmpty();
            assertThat(SqlStatements.parse(" \n\t\r\n")).isEmpty();
        }

        @Test
        void whitespaceAndLineCommentsBeforeAStatementAreNotPartOfIt() {
            assertThat(SqlStatements.parse("-- nothing here;\n/* nor ; here */ ; select 1; -- trailing\n /* end */"))
                    .extracting(SqlStatement::text, SqlStatement::code)
                    .containsExactly(tuple("/* nor ; here */ ;", false), tuple("select 1;", true), tuple("/* end */", false));
        }

        @Test
        void keepsCommentsInsideAStatementAsWritten() {
            assertThat(SqlStatements.split("-- make a\ncreate table a ( -- the key\n id int /* ; */);\nselect 1;"))
                    .containsExactly("create table a ( -- the key\n id int /* ; */);", "select 1;");
        }

        @Test
        void dropsEmptyLinesOutsideQuotesButKeepsLinesOfSpaces() {
            assertThat(SqlStatements.parse("select 1,\n\n  \n2, 'a\n\nb', $$\n\n$$ /*\n\n*/;"))
                    .singleElement().satisfies(s -> {
                        assertThat(s.text()).isEqualTo("select 1,\n  \n2, 'a\n\nb', $$\n\n$$ /*\n\n*/;");
                        assertThat(s.lines()).containsExactly(1, 3, 4, 5, 6, 7, 8, 9, 10);
                    });
        }

        @Test
        void doesNotSplitInSingleQuotedStrings() {
            assertThat(SqlStatements.split("insert into t values ('a;b', 'it''s; fine');select 2"))
                    .containsExactly("insert into t values ('a;b', 'it''s; fine');", "select 2");
        }

        @Test
        void backslashDoesNotEscapeInStandardStrings() {
            // standard_conforming_strings: 'C:\' is a complete string
            assertThat(SqlStatements.split("select 'C:\\';select 2")).containsExactly("select 'C:\\';", "select 2");
        }

        @Test
        void backslashEscapesInEscapeStrings() {
            assertThat(SqlStatements.split("select E'it\\'s; \\\\';select e'a''b;c';select 3"))
                    .containsExactly("select E'it\\'s; \\\\';", "select e'a''b;c';", "select 3");
        }

        @Test
        void anIdentifierEndingInEIsNotAnEscapeString() {
            assertThat(SqlStatements.split("select some'\\';select 2")).containsExactly("select some'\\';", "select 2");
        }

        @Test
        void bitAndUnicodeStringsNeverEscapeTheQuote() {
            String off = "set standard_conforming_strings = off;\n";
            assertThat(SqlStatements.split(off + "select b'1\\';select x'f\\';select u&'\\';select 4"))
                    .containsExactly("set standard_conforming_strings = off;", "select b'1\\';", "select x'f\\';", "select u&'\\';", "select 4");
        }

        @Test
        void followsStandardConformingStringsAsTheScriptSetsIt() {
            // the case: with the setting off, \' stays inside the string, so the ; does not split
            String script = """
                    set standard_conforming_strings = off;
                    insert into t values ('it\\'s; a test');
                    reset standard_conforming_strings;
                    insert into t values ('C:\\'); select 2;
                    SET SESSION standard_conforming_strings TO 'of';
                    select 'a\\';b';
                    discard all;
                    select 'c\\';
                    """;
            assertThat(SqlStatements.parse(script)).extracting(SqlStatement::text, SqlStatement::standardStrings).containsExactly(
                    tuple("set standard_conforming_strings = off;", true),
                    tuple("insert into t values ('it\\'s; a test');", false),
                    tuple("reset standard_conforming_strings;", false),
                    tuple("insert into t values ('C:\\');", true),
                    tuple("select 2;", true),
                    tuple("SET SESSION standard_conforming_strings TO 'of';", true),
                    tuple("select 'a\\';b';", false),
                    tuple("discard all;", false),
                    tuple("select 'c\\';", true));
        }

        @Test
        void theSettingChangesFromTheLineAfterTheStatementAsPsqlSeesIt() {
            assertThat(SqlStatements.split("set standard_conforming_strings = off; select 'a\\';\nselect 'b\\';';"))
                    .containsExactly("set standard_conforming_strings = off;", "select 'a\\';", "select 'b\\';';");
        }

        @Test
        void doesNotSplitInQuotedIdentifiers() {
            assertThat(SqlStatements.split("create table \"a;\"\"b\" (\"x;\" int);select 2"))
                    .containsExactly("create table \"a;\"\"b\" (\"x;\" int);", "select 2");
        }

        @Test
        void doesNotSplitInDollarQuotes() {
            String body = "do $$ begin perform 1; raise notice 'x;'; end $$;";
            assertThat(SqlStatements.split(body + "select 2")).containsExactly(body, "select 2");
        }

        @Test
        void doesNotSplitInTaggedDollarQuotes() {
            String function = "create function f() returns int language plpgsql as $fn$ begin "
                    + "execute $q$select 1; select 2$q$; return 1; /* $$ ; */ end $fn$;";
            assertThat(SqlStatements.split(function + "\nselect 2")).containsExactly(function, "select 2");
        }

        @Test
        void aDollarQuoteEndsOnlyAtItsOwnTag() {
            String statement = "select $a$ $b$ ; $A$ ; $a$;";
            assertThat(SqlStatements.split(statement + "select 2")).containsExactly(statement, "select 2");
        }

        @Test
        void positionalParametersAreNotDollarQuotes() {
            assertThat(SqlStatements.split("select $1; select $2;")).containsExactly("select $1;", "select $2;");
        }

        @Test
        void dollarInsideIdentifiersIsNotAQuote() {
            assertThat(SqlStatements.split("select a$b$c; select x$$y; select 3"))
                    .containsExactly("select a$b$c;", "select x$$y;", "select 3");
        }

        @Test
        void quotesAndCommentsInsideDollarQuotesAreIgnored() {
            String statement = "select $$ it's -- not a comment /* nor this ; $$;";
            assertThat(SqlStatements.split(statement + " select 2")).containsExactly(statement, "select 2");
        }

        @Test
        void doesNotSplitInLineComments() {
            assertThat(SqlStatements.split("select 1 -- one; two\n; select 2 -- x;\r select 3"))
                    .containsExactly("select 1 -- one; two\n;", "select 2 -- x;\r select 3");
        }

        @Test
        void doesNotSplitInNestedBlockComments() {
            assertThat(SqlStatements.split("select /* a /* b; */ c; */ 1; select 2"))
                    .containsExactly("select /* a /* b; */ c; */ 1;", "select 2");
        }

        @Test
        void quotesInsideCommentsAreIgnored() {
            assertThat(SqlStatements.split("select 1 /* it's */; -- don't\nselect 2; /* \"$$ */ select 3"))
                    .containsExactly("select 1 /* it's */;", "select 2;", "/* \"$$ */ select 3");
        }

        @Test
        void commentMarkersInsideStringsAreIgnored() {
            assertThat(SqlStatements.split("select '--', '/*'; select \"--;\"; select 3"))
                    .containsExactly("select '--', '/*';", "select \"--;\";", "select 3");
        }

        @Test
        void doesNotSplitInsideParentheses() {
            // the case: a rule with several actions
            String rule = "create rule r as on insert to src do also (insert into a values (new.id); insert into b values (new.id));";
            assertThat(SqlStatements.split(rule + "\nselect 1;")).containsExactly(rule, "select 1;");
        }

        @Test
        void doesNotSplitInsideTheBeginAtomicBodyOfAFunctionOrProcedure() {
            // the case, and a CASE ... END inside the body
            String function = "create function f(x int) returns int language sql begin atomic select x + 1; end;";
            String procedure = "CREATE OR REPLACE PROCEDURE p(x int) LANGUAGE sql\nBEGIN ATOMIC\n  insert into t values (case when x > 0 then x end);\n"
                    + "  select 1;\nEND;";
            assertThat(SqlStatements.split(function + "\n" + procedure + "\nselect 2;")).containsExactly(function, procedure, "select 2;");
        }

        @Test
        void beginOutsideARoutineBodyStillEndsAtItsSemicolon() {
            assertThat(SqlStatements.split("begin; select 1; end;")).containsExactly("begin;", "select 1;", "end;");
            assertThat(SqlStatements.split("create table begin_t (\"begin\" int); select 1;"))
                    .containsExactly("create table begin_t (\"begin\" int);", "select 1;");
        }

        @Test
        void keepsEveryLineEndingAsItIs() {
            assertThat(SqlStatements.split("select 1; -- a;\r\nselect 2; -- b;\rselect 3;\n"))
                    .containsExactly("select 1;", "select 2;", "select 3;");
            assertThat(SqlStatements.split("select\r\n1;")).containsExactly("select\r\n1;");
        }

        @Test
        void rawTextIsTheFormEarlierVersionsSplit() {
            assertThat(SqlStatements.parse("-- make a\ncreate table a (id int);\n\ninsert into a\n\nvalues (1) ; select 3"))
                    .extracting(SqlStatement::rawText)
                    .containsExactly("-- make a\ncreate table a (id int)", "insert into a\n\nvalues (1)", "select 3");
        }

        @Test
        void linesAreTheScriptsFromTheGivenFirstLine() {
            assertThat(SqlStatements.parse("\n-- x\nselect 1; select\n\n2;", 10)).extracting(SqlStatement::line).containsExactly(12, 12);
        }

        @Test
        void refusesAnUnterminatedQuoteDollarQuoteIdentifierOrComment() {
            assertThatThrownBy(() -> SqlStatements.parse("select 1;\nselect 'oops;\nselect 2;"))
                    .isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("line 2: the quoted string opened here is never closed");
            assertThatThrownBy(() -> SqlStatements.parse("select 1;\ndo $b$ begin; end; $$;"))
                    .isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("line 2: the dollar quote $b$ opened here is never closed");
            assertThatThrownBy(() -> SqlStatements.parse("select \"a;"))
                    .isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("line 1: the quoted identifier opened here is never closed");
            assertThatThrownBy(() -> SqlStatements.parse("select 1;\n\n/* open /* */; select 2"))
                    .isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("line 3: the block comment opened here is never closed");
            assertThatThrownBy(() -> SqlStatements.parse("/*/")).isInstanceOf(SqlSyntaxException.class);
            assertThatThrownBy(() -> SqlStatements.parse("set standard_conforming_strings = off;\nselect 'a\\';"))
                    .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("standard_conforming_strings is off");
        }

        @Test
        void refusesPsqlMetaCommands() {
            // the case: \set, which the server would see glued to the next statement
            assertThatThrownBy(() -> SqlStatements.parse("create table t (a int);\n\\set x 1\ninsert into t values (1);"))
                    .isInstanceOf(SqlSyntaxException.class)
                    .hasMessageStartingWith("line 2: the psql meta-command \\set is not SQL");
            assertThatThrownBy(() -> SqlStatements.parse("select 1 \\gset")).isInstanceOf(SqlSyntaxException.class).hasMessageContaining("\\gset");
            assertThatThrownBy(() -> SqlStatements.parse("select 1\\; select 2;")).isInstanceOf(SqlSyntaxException.class)
                    .hasMessageContaining("End the statement with ; instead");
        }

        @Test
        void aBackslashInStringsDollarQuotesAndCommentsIsNoMetaCommand() {
            assertThat(SqlStatements.split("select '\\d', E'\\\\', $$\\i x$$, \"\\\"; -- \\q\n/* \\set */ select 2;"))
                    .containsExactly("select '\\d', E'\\\\', $$\\i x$$, \"\\\";", "/* \\set */ select 2;");
        }

        @Test
        void eachStatementSplitsAgainIntoItself() {
            for (String statement : SqlStatements.split("select 1;\n/* c */ -- d\nselect\n\n 2; create function f() returns int begin atomic select 1; end;")) {
                assertThat(SqlStatements.split(statement)).containsExactly(statement);
            }
        }

        @Test
        void runsInLinearTimeOnLargeAndAdversarialInput() {
            String many = "insert into t values ('a;b', $$c;d$$, E'\\'');\n".repeat(100_000);
            String dollars = "$a ".repeat(300_000) + "$";
            String quotes = "x'".repeat(300_000);
            String parentheses = "(".repeat(300_000) + ";";
            String comments = "/*".repeat(300_000);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(SqlStatements.split(many)).hasSize(100_000);
                assertThat(SqlStatements.split(dollars)).hasSize(1);
                assertThat(SqlStatements.split(quotes)).hasSize(1);
                assertThat(SqlStatements.split(parentheses)).hasSize(1);
                assertThatThrownBy(() -> SqlStatements.split(comments)).isInstanceOf(SqlSyntaxException.class);
                assertThat(SqlStatements.returnsRows(many)).isFalse();
                assertThat(SqlStatements.returnsRows(dollars)).isFalse();
            });
        }
    }

    @Nested
    class Kinds {

        @ParameterizedTest
        @ValueSource(strings = {"begin;", "BEGIN ISOLATION LEVEL SERIALIZABLE;", "start transaction;", "commit;", "COMMIT AND CHAIN;",
            "end;", "end transaction;", "rollback;", "rollback work;", "abort;", "prepare transaction 'x';", "commit prepared 'x';",
            "/* c */ commit;"})
        void transactionControl(String statement) {
            assertThat(only(statement).transactionControl()).as(statement).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"savepoint s;", "release savepoint s;", "release s;", "rollback to savepoint s;", "rollback to s;",
            "rollback work to s;", "create function f() returns int language sql begin atomic select 1; end;",
            "prepare p as select 1;", "do $$ begin commit; end $$;", "select 'commit';", "create table begin (x int);", "set transaction read only;"})
        void notTransactionControl(String statement) {
            assertThat(only(statement).transactionControl()).as(statement).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"copy t from stdin;", "COPY t (a, b) FROM STDIN WITH (FORMAT csv);", "copy (select 1) to stdout;",
            "copy public.t to stdout with csv header;"})
        void copyWithTheClient(String statement) {
            assertThat(only(statement).copyWithClient()).as(statement).isTrue();
            assertThat(only(statement).refusal(false, "x")).as(statement).contains("CopyManager");
        }

        @Test
        void theDataAfterCopyFromStdinIsReportedAsTheCopy() {
            assertThatThrownBy(() -> SqlStatements.parse("create table t (a int, b text);\n\nCOPY t FROM stdin;\n1\tit's\n\\.\nselect 1;"))
                    .isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("line 3: COPY ... FROM STDIN reads rows that psql sends")
                    .hasMessageContaining("CopyManager");
        }

        @ParameterizedTest
        @ValueSource(strings = {"copy t from '/tmp/x';", "copy t to '/tmp/x';", "select 'copy t from stdin';", "copy t (stdin) from '/x';"})
        void copyWithAFileOrNoCopy(String statement) {
            assertThat(only(statement).copyWithClient()).as(statement).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"create index concurrently i on t (a);", "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a);",
            "drop index concurrently i;", "vacuum;", "vacuum (analyze) t;", "alter system set work_mem = '1MB';", "create database d;",
            "drop database d;", "reindex index concurrently i;", "reindex database d;", "discard all;", "create tablespace s location '/x';",
            "alter table t detach partition p concurrently;"})
        void needsNoTransaction(String statement) {
            assertThat(only(statement).notInTransaction()).as(statement).isNotNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"create index i on t (a);", "create index concurrently_named on t (a);", "reindex index i;",
            "alter table t detach partition p;", "discard temp;", "analyze t;", "create table vacuum (x int);"})
        void runsInATransaction(String statement) {
            assertThat(only(statement).notInTransaction()).as(statement).isNull();
        }

        private SqlStatement only(String statement) {
            List<SqlStatement> parsed = SqlStatements.parse(statement);
            assertThat(parsed).hasSize(1);
            return parsed.get(0);
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
