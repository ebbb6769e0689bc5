package io.modulemigrations;

import java.util.List;

/** A command named modules that have no migrations; nothing was changed. */
public final class UnknownModuleException extends MigrationException {

    private final List<String> unknown;
    private final List<String> available;

    public UnknownModuleException(String action, List<String> unknown, List<String> available) {
        super("Cannot " + action + " migrations for unknown module(s): " + String.join(", ", unknown)
                + ". Available modules: " + String.join(", ", available));
        this.unknown = List.copyOf(unknown);
        this.available = List.copyOf(available);
    }

    public List<String> unknown() {
        return unknown;
    }

    public List<String> available() {
        return available;
    }
}
