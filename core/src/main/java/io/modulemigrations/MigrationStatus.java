package io.modulemigrations;

import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.script.ScriptState;
import java.util.List;

/**
 * The state of every module, read without taking the lock.
 *
 * @param modules    per module, by name (modules known only from the history are included)
 * @param scripts    migration scripts known to the database, by name
 * @param lockHolder who runs migrations right now, or null
 */
public record MigrationStatus(List<ModuleStatus> modules, List<ScriptState> scripts, LockHolder lockHolder) {

    public ModuleStatus module(String name) {
        return modules.stream().filter(m -> m.module().equals(name)).findFirst().orElse(null);
    }

    public boolean upToDate() {
        return modules.stream().allMatch(ModuleStatus::upToDate);
    }
}
