package io.modulemigrations.script;

import java.sql.Connection;

/** What a migration script works with. */
public interface ScriptContext {

    /** Runs SQL (one statement or several separated by {@code ;}) now. */
    void sql(String sql);

    /** The script's connection; do not commit, roll back or close it. */
    Connection connection();

    /** The script's name. */
    String name();
}
