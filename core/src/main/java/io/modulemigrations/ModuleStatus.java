package io.modulemigrations;

import io.modulemigrations.history.AppliedMigration;
import java.util.List;

/**
 * One module's state.
 *
 * @param module    the module
 * @param applied   applied migrations that are in the code, by name
 * @param pending   migrations not applied yet, by name
 * @param missing   applied migrations no longer in the code
 * @param changed   applied migrations whose checksum differs from the recorded one
 * @param dependsOn modules this one runs after
 */
public record ModuleStatus(String module, List<AppliedMigration> applied, List<String> pending, List<String> missing,
                           List<String> changed, List<String> dependsOn) {

    /** Nothing pending and nothing changed. */
    public boolean upToDate() {
        return pending.isEmpty() && changed.isEmpty();
    }
}
