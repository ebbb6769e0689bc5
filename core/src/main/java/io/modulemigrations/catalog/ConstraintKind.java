package io.modulemigrations.catalog;

/** The kinds of table constraint a snapshot holds (not-null is a column property). */
enum ConstraintKind {
    PRIMARY_KEY('p', "primary key"),
    UNIQUE('u', "unique"),
    FOREIGN_KEY('f', "foreign key"),
    CHECK('c', "check"),
    EXCLUSION('x', "exclusion");

    private final char code;
    private final String words;

    ConstraintKind(char code, String words) {
        this.code = code;
        this.words = words;
    }

    static ConstraintKind of(String contype) {
        for (ConstraintKind kind : values()) {
            if (kind.code == contype.charAt(0)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown constraint type " + contype);
    }

    /** {@code primary key}, {@code unique}, … */
    String words() {
        return words;
    }
}
