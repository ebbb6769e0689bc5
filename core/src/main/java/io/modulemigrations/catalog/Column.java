package io.modulemigrations.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A table column.
 *
 * @param name the column name
 * @param type the type as {@code format_type} writes it, shortened ({@code varchar(200)})
 * @param notNull whether null is refused
 * @param defaultValue the default expression, or null
 * @param identity the identity generation, or null
 * @param generated the expression of a generated column, or null
 * @param stored for a generated column, whether it is stored (else virtual)
 */
record Column(String name, String type, boolean notNull, String defaultValue, Identity identity, String generated,
        boolean stored) {

    /** The column as written in {@code add column}, without constraints. */
    String definition(String table) {
        return definition(table, false);
    }

    /**
     * The column as written in {@code create table} or {@code add column}, without constraints.
     *
     * @param notNullImplied whether a primary key makes the column not null, so it goes unsaid
     */
    String definition(String table, boolean notNullImplied) {
        StringBuilder sb = new StringBuilder(Sql.name(name)).append(' ').append(type);
        if (generated != null) {
            sb.append(' ').append(generation());
        }
        if (identity != null) {
            sb.append(' ').append(identity.kind());
            String options = String.join(" ", identityClauses(table));
            if (!options.isEmpty()) {
                sb.append(" (").append(options).append(')');
            }
        } else if (notNull && !notNullImplied) {
            sb.append(" not null");
        }
        if (defaultValue != null) {
            sb.append(" default ").append(defaultValue);
        }
        return sb.toString();
    }

    /** The identity's sequence settings that differ from what PostgreSQL chooses, its name included. */
    List<String> identityClauses(String table) {
        List<String> clauses = new ArrayList<>();
        String standardName = table + "_" + name + "_seq";
        if (!identity.sequence().equals(standardName) || standardName.length() > 63) {
            clauses.add("sequence name " + Sql.name(identity.sequence()));
        }
        clauses.addAll(identity.options().clauses(false));
        return clauses;
    }

    /** {@code generated always as (…) stored} or {@code virtual}. */
    String generation() {
        return "generated always as (" + generated + (stored ? ") stored" : ") virtual");
    }

    /** Everything about the column, for a catalog line. */
    String describe() {
        StringBuilder sb = new StringBuilder(Sql.name(name)).append(' ').append(type);
        if (notNull) {
            sb.append(" not null");
        }
        if (defaultValue != null) {
            sb.append(" default ").append(defaultValue);
        }
        if (identity != null) {
            sb.append(' ').append(identity.kind()).append(" (sequence ").append(Sql.name(identity.sequence())).append(' ')
                    .append(identity.options().describe()).append(')');
        }
        if (generated != null) {
            sb.append(' ').append(generation());
        }
        return sb.toString();
    }
}
