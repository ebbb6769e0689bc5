package io.modulemigrations.lint;

/**
 * A statement that holds a blocking lock on a table that already existed while it reads or
 * rewrites the whole table, and the safer way to do it. Its {@link #id()} is what a
 * {@code -- lint:ignore <rule>} comment on the statement names.
 */
public enum LockRule {

    CREATE_INDEX("create-index", "create index concurrently, in a migration with transaction:false (-- migrate:up transaction:false)"),

    ADD_FOREIGN_KEY("add-foreign-key", "add the foreign key with not valid, then alter table … validate constraint … in a later migration (its own transaction)"),

    SET_NOT_NULL("set-not-null", "add constraint … check (column is not null) not valid; validate constraint in a later migration;"
            + " then set not null (PostgreSQL skips the scan when a valid check proves it) and drop the check"),

    ADD_CHECK_CONSTRAINT("add-check-constraint", "add the check constraint with not valid, then validate constraint in a later migration"),

    COLUMN_TYPE_REWRITE("column-type-rewrite", "add a new column of the new type, backfill it in batches, switch readers to it, then drop"
            + " the old column"),

    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", "add the column without a default (or with a constant one), set the"
            + " default in a second statement, then backfill existing rows in batches"),

    TABLE_REWRITE("table-rewrite", "split the change so that no statement rewrites a table with rows (new table or column + backfill)");

    private final String id;
    private final String saferPattern;

    LockRule(String id, String saferPattern) {
        this.id = id;
        this.saferPattern = saferPattern;
    }

    /** The rule's name, e.g. {@code create-index}. */
    public String id() {
        return id;
    }

    /** What to do instead. */
    public String saferPattern() {
        return saferPattern;
    }
}
