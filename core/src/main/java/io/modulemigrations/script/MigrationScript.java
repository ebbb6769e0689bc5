package io.modulemigrations.script;

/**
 * A run-once data job (a backfill, seeding a role) that runs after schema migrations and link
 * sync. It counts as done only when it finished; until then every run tries it again. Concurrent
 * instances run it exactly once.
 */
public interface MigrationScript {

    /** The stable name it is tracked by; the class's simple name unless overridden. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Whether it runs in one transaction with the row that marks it finished (true by default), so
     * that done and recorded are the same thing. Scripts that work in committed chunks say false and
     * must be safe to run again.
     */
    default boolean transactional() {
        return true;
    }

    /** Does the work. */
    void run(ScriptContext context) throws Exception;
}
