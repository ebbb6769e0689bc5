package io.modulemigrations.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void keywordsGoLowerCaseButNotLiteralsOrQuotedNames() {
        assertThat(Sql.lower("CHECK ((\"Price\" > 0) AND (code <> 'ABC'))")).isEqualTo("check ((\"Price\" > 0) and (code <> 'ABC'))");
    }

    @Test
    void anInListCastAsAWholeIsWrittenWithTheCastOnEachElement() {
        assertThat(Sql.canonical("check (((state)::text = any ((array['done'::character varying, 'it''s, ok'::character varying])::text[])))"))
                .isEqualTo("check (((state)::text = any (array[('done'::character varying)::text, ('it''s, ok'::character varying)::text])))");
        assertThat(Sql.canonical("(array[a, b])::text[]")).isEqualTo("(array[a, b])::text[]");
    }

    @Test
    void namesAreQuotedOnlyWhenTheyMustBe() {
        assertThat(Sql.name("post")).isEqualTo("post");
        assertThat(Sql.name("order")).isEqualTo("\"order\"");
        assertThat(Sql.name("IDX_post")).isEqualTo("\"IDX_post\"");
    }

    @Test
    void typesAreWrittenAsPeopleWriteThem() {
        assertThat(Sql.shortType("character varying(200)")).isEqualTo("varchar(200)");
        assertThat(Sql.shortType("timestamp(3) with time zone")).isEqualTo("timestamptz(3)");
        assertThat(Sql.shortType("timestamp without time zone[]")).isEqualTo("timestamp[]");
        assertThat(Sql.shortType("character(2)")).isEqualTo("char(2)");
        assertThat(Sql.shortType("double precision")).isEqualTo("double precision");
    }
}
