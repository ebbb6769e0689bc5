package io.modulemigrations.catalog;

import java.util.List;

/**
 * A primary key, unique, foreign key, check or exclusion constraint.
 *
 * @param name the constraint name
 * @param kind what it is
 * @param columns the constrained columns in key order
 * @param definition {@code pg_get_constraintdef} in lower case, e.g.
 *     {@code foreign key (author_id) references author(id) on delete cascade}
 * @param referencedTable for a foreign key, the referenced table's name when it is in the same schema,
 *     its schema-qualified name otherwise; else null
 */
record Constraint(String name, ConstraintKind kind, List<String> columns, String definition, String referencedTable) {

    /**
     * How the constraint can be written on its column in {@code create table} ({@code primary key},
     * {@code unique}, {@code references author(id) on delete cascade}), or null when it must be
     * written as a table constraint: several columns, a name PostgreSQL would not choose, or more
     * than the plain form.
     */
    String inlineForm(String table) {
        if (columns.size() != 1 || !name.equals(standardName(table)) || name.length() > 63) {
            return null;
        }
        String column = "(" + Sql.name(columns.get(0)) + ")";
        return switch (kind) {
            case PRIMARY_KEY -> definition.equals("primary key " + column) ? "primary key" : null;
            case UNIQUE -> definition.equals("unique " + column) ? "unique" : null;
            case FOREIGN_KEY -> definition.startsWith("foreign key " + column + " references ")
                    ? definition.substring(("foreign key " + column + " ").length()) : null;
            default -> null;
        };
    }

    /** The constraint as written in {@code create table} or {@code add constraint}. */
    String tableForm() {
        return "constraint " + Sql.name(name) + " " + definition;
    }

    /** The name PostgreSQL gives an unnamed constraint of this kind on one column. */
    private String standardName(String table) {
        return switch (kind) {
            case PRIMARY_KEY -> table + "_pkey";
            case UNIQUE -> table + "_" + columns.get(0) + "_key";
            case FOREIGN_KEY -> table + "_" + columns.get(0) + "_fkey";
            default -> null;
        };
    }
}
