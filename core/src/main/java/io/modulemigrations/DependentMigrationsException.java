package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A rollback would undo migrations of a module that other modules depend on, and those applied
 * migrations after them that may rely on what would be undone. Refused before anything ran.
 */
public final class DependentMigrationsException extends MigrationException {

    private final Map<String, List<MigrationId>> dependents;
    private final String command;

    /**
     * @param modules    the modules whose rollback was refused
     * @param dependents per dependent module, its migrations applied after the ones to undo, newest first
     * @param command    a command that rolls the dependents back too, or null when only {@code --with-dependents} does
     * @param flagged    the same rollback with {@code --with-dependents}
     */
    DependentMigrationsException(List<String> modules, Map<String, List<MigrationId>> dependents, @Nullable String command,
            String flagged) {
        super(message(modules, dependents, command, flagged));
        this.dependents = Map.copyOf(dependents);
        this.command = command != null ? command : flagged;
    }

    /** Per dependent module, its migrations applied after the ones the rollback would undo. */
    public Map<String, List<MigrationId>> dependents() {
        return dependents;
    }

    /** A command that works: the dependents named too, or {@code --with-dependents}. */
    public String command() {
        return command;
    }

    private static String message(List<String> modules, Map<String, List<MigrationId>> dependents, @Nullable String command,
            String flagged) {
        String names = String.join(", ", modules);
        String detail = dependents.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().stream().map(MigrationId::name).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        return "Cannot roll back " + names + ": " + String.join(", ", dependents.keySet())
                + (dependents.size() == 1 ? " depends" : " depend") + " on " + names
                + " and applied migrations after the ones this would undo, which may rely on what would be undone: " + detail
                + ". Nothing was rolled back. Next: "
                + (command == null ? "" : "roll the dependents back with it: " + command + " (dependents are undone first), or ")
                + "run " + flagged + " to undo just what they applied after it, then " + names + ".";
    }
}
