package io.modulemigrations.autoconfigure.generate;

/**
 * A table or sequence by schema and name, as PostgreSQL stores them (unquoted names folded to lower case).
 *
 * @param schema the schema
 * @param name   the name within it
 */
public record Relation(String schema, String name) implements Comparable<Relation> {

    @Override
    public int compareTo(Relation other) {
        int bySchema = this.schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : this.name.compareTo(other.name);
    }

    /** {@code name} in the {@code public} schema, else {@code schema.name}. */
    @Override
    public String toString() {
        return "public".equals(this.schema) ? this.name : this.schema + "." + this.name;
    }
}
