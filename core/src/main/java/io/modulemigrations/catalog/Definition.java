package io.modulemigrations.catalog;

/**
 * A function, procedure, view, materialized view or trigger, known by the definition PostgreSQL
 * gives for it ({@code pg_get_functiondef}, {@code pg_get_viewdef}, {@code pg_get_triggerdef}); or an
 * extension installed in the schema (by version) or a text search configuration (by parser).
 *
 * @param kind {@code function}, {@code view}, {@code materialized view}, {@code trigger}, {@code extension} or
 *             {@code text search configuration}
 * @param name its name: a function with its argument types, a trigger as {@code table.trigger}
 * @param definition the definition with white space runs collapsed to one space
 */
record Definition(String kind, String name, String definition) {

    String line() {
        return kind + " " + name + " " + definition;
    }
}
