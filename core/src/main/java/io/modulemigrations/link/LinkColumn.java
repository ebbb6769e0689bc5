package io.modulemigrations.link;

import java.util.regex.Pattern;

/**
 * An extra column of a link table, added nullable.
 *
 * @param name a column name, {@code [a-z][a-z0-9_]*}, at most 63 bytes
 * @param type a PostgreSQL type as written in DDL, e.g. {@code text}, {@code integer},
 *             {@code numeric(10,2)}, {@code varchar(32)[]}
 */
public record LinkColumn(String name, String type) {

    /** Letters, digits, spaces, {@code _ , . ( ) [ ]}: every type name, nothing that ends a statement. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_ ,.()\\[\\]]*");

    public LinkColumn {
        Identifiers.requireName("column name", name);
        if (name.length() > Identifiers.MAX_BYTES) {
            throw new IllegalArgumentException("Column name '" + name + "' is longer than PostgreSQL's 63-byte limit");
        }
        if (type == null || !TYPE.matcher(type.strip()).matches()) {
            throw new IllegalArgumentException("Invalid type '" + type + "' for column " + name
                    + ": expected a PostgreSQL type name such as text, integer, numeric(10,2)");
        }
        type = type.strip();
    }
}
