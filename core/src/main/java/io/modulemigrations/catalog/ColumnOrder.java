package io.modulemigrations.catalog;

/**
 * Whether the order of a table's columns is part of what two snapshots must share.
 *
 * <p>PostgreSQL adds a column at the end and cannot move one, so a column that is dropped and
 * added back comes last: everything about the table is restored except the order of
 * {@code select *}. Comparisons that prove a migration (generated or hand-written) usually
 * {@link #IGNORED ignore} it and say so.
 */
public enum ColumnOrder {

    /** Columns must come in the same order; a snapshot's lines list each table's order. */
    SIGNIFICANT,

    /** Columns are compared by name only. */
    IGNORED
}
