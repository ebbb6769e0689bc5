package io.modulemigrations.catalog;

import java.util.List;

/** An enum type and its labels in sort order. */
record EnumType(String name, List<String> labels) {

    String labelList() {
        return String.join(", ", labels.stream().map(Sql::literal).toList());
    }

    String createStatement() {
        return "create type " + Sql.name(name) + " as enum (" + labelList() + ");";
    }
}
