package io.modulemigrations.link;

import java.util.function.Predicate;

/** Which planned link actions to apply: the {@code module-migrations.links} setting. */
public enum LinkMode implements Predicate<LinkAction> {

    /** Create tables, add columns and indexes, record; never lose data. The default. */
    SAFE,

    /** Everything, including dropped tables and columns and changed column types. */
    ALL;

    @Override
    public boolean test(LinkAction action) {
        return this == ALL || action.safe();
    }
}
