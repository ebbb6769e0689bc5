package io.modulemigrations.lint;

/**
 * One statement of a migration that holds a blocking lock on an existing table while it scans or rewrites it.
 *
 * @param module    the module
 * @param migration the migration
 * @param statement the statement (as written, comments included)
 * @param table     the table locked, schema-qualified
 * @param lockMode  the lock mode PostgreSQL granted, e.g. {@code ShareLock}
 * @param rewritten whether the table was rewritten (its relfilenode changed)
 * @param rule      the rule, with its safer pattern
 */
public record LockFinding(String module, String migration, String statement, String table, String lockMode, boolean rewritten,
        LockRule rule) {

    /** What the lock blocks while it is held: {@code reads and writes} or {@code writes}. */
    public String blocks() {
        return "AccessExclusiveLock".equals(lockMode) ? "reads and writes" : "writes";
    }

    /** One paragraph for people. */
    public String describe() {
        String sql = statement.strip().replaceAll("\\s+", " ");
        if (sql.length() > 200) {
            sql = sql.substring(0, 200) + " …";
        }
        return module + "/" + migration + ": " + rule.id() + ": " + sql + "\n    takes " + lockMode + " on " + table
                + (rewritten ? " and rewrites it" : "") + ", blocking " + blocks() + " on it until the transaction ends."
                + "\n    Safer: " + rule.saferPattern() + ". (Acknowledge with -- lint:ignore " + rule.id() + " on the statement.)";
    }
}
