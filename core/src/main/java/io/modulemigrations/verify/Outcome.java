package io.modulemigrations.verify;

/** What checking one migration's down found. */
public enum Outcome {

    /** The down put the schema back exactly as it was before the up, and the up applied again. */
    RESTORES("restores"),

    /** The schema after the down is not the schema before the up. */
    DIFFERS("differs"),

    /** The down failed. */
    DOWN_FAILS("down fails"),

    /** The down ran and restored, but the up failed or gave another schema when applied again. */
    UP_FAILS_AGAIN("up fails again"),

    /** The migration has no down; not an error unless verification is strict. */
    IRREVERSIBLE("irreversible");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** How the report writes it, e.g. {@code down fails}. */
    public String label() {
        return label;
    }

    /** Whether it fails verification; an irreversible migration fails only when {@code strict}. */
    public boolean fails(boolean strict) {
        return this == IRREVERSIBLE ? strict : this != RESTORES;
    }
}
