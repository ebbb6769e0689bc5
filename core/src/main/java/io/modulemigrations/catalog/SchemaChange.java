package io.modulemigrations.catalog;

/**
 * One step of a {@link SchemaDiff}: what it does in words and the statement that does it.
 *
 * @param description what the step does, e.g. {@code add column post.slug}
 * @param statement the SQL, lower case, ending with {@code ;} ({@code create table} spans lines)
 * @param unsafeReason what the step loses or how it can fail on existing data, or null when it
 *     cannot lose data
 */
public record SchemaChange(String description, String statement, String unsafeReason) {

    static SchemaChange safe(String description, String statement) {
        return new SchemaChange(description, statement, null);
    }

    static SchemaChange unsafe(String description, String statement, String reason) {
        return new SchemaChange(description, statement, reason);
    }

    /**
     * Tells whether the step can lose data or fail on existing rows (drop table or column, a
     * narrowing or incompatible type change, set not null, …).
     *
     * @return true when {@link #unsafeReason()} is set
     */
    public boolean unsafe() {
        return unsafeReason != null;
    }

    /** The statement, preceded by a {@code -- UNSAFE: <reason>} line when it is unsafe. */
    String render() {
        return (unsafe() ? "-- UNSAFE: " + unsafeReason + "\n" : "") + statement;
    }
}
