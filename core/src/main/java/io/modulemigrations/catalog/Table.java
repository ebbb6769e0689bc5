package io.modulemigrations.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A table with its columns (in the table's order), constraints and indexes (by name).
 *
 * @param name the table name
 * @param columns the columns in their order in the table
 * @param constraints primary key, unique, foreign key, check and exclusion constraints, by name
 * @param indexes the indexes that do not back a constraint, by name
 * @param partitionBy for a partitioned table, its partition key ({@code list (name)}); else null
 */
record Table(String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes, String partitionBy) {

    Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    Optional<Constraint> constraint(String constraint) {
        return constraints.stream().filter(c -> c.name().equals(constraint)).findFirst();
    }

    Optional<Index> index(String index) {
        return indexes.stream().filter(i -> i.name().equals(index)).findFirst();
    }
}
