package io.modulemigrations.migration;

/**
 * A reversible schema change owned by one module. Declare it with {@link ModuleMigration}; its
 * class name is its name ({@code Migration} + 12 or 14 digits + optional {@code _Description}).
 *
 * <p>A migration that does not override {@link #down} is irreversible: rollback refuses it up
 * front, by name.
 */
public interface Migration {

    /** Applies the change. */
    void up(MigrationContext m) throws Exception;

    /** Undoes what {@link #up} did. The default declares the migration irreversible. */
    default void down(MigrationContext m) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " is irreversible: it has no down()");
    }
}
