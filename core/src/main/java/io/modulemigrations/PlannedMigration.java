package io.modulemigrations;

import io.modulemigrations.migration.MigrationId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A step a dry run would take.
 *
 * @param module        the owning module
 * @param name          the migration's name
 * @param direction     up or down
 * @param transactional whether it runs in a transaction
 * @param statements    the SQL it would send, or null when only running it can tell (a Java migration using JDBC)
 */
public record PlannedMigration(String module, String name, Direction direction, boolean transactional, @Nullable List<String> statements) {

    public MigrationId id() {
        return new MigrationId(module, name);
    }

    /** The step as a readable SQL script. */
    public String toSql() {
        StringBuilder sb = new StringBuilder("-- ").append(module).append('/').append(name)
                .append(direction == Direction.UP ? " (up" : " (down").append(transactional ? ")" : ", no transaction)").append('\n');
        if (statements == null) {
            sb.append("-- Java migration that uses JDBC directly: its SQL is known only when it runs\n");
        } else if (statements.isEmpty()) {
            sb.append("-- nothing to run\n");
        } else {
            statements.forEach(s -> sb.append(s).append(";\n"));
        }
        return sb.toString();
    }
}
