package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import java.util.List;
import java.util.stream.Collectors;

/** A rollback would need migrations that cannot be undone; nothing was rolled back. */
public final class IrreversibleMigrationException extends MigrationException {

    private final List<MigrationId> irreversible;

    public IrreversibleMigrationException(List<MigrationId> irreversible, String why) {
        super("Cannot roll back: " + irreversible.stream().map(MigrationId::toString).collect(Collectors.joining(", "))
                + " " + why + ". Nothing was rolled back. Next: roll back fewer steps (--steps), or write the"
                + " change that undoes it as a new migration.");
        this.irreversible = List.copyOf(irreversible);
    }

    public List<MigrationId> irreversible() {
        return irreversible;
    }
}
