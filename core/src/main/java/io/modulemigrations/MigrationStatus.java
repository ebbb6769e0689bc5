package io.modulemigrations;

import io.modulemigrations.lock.LockHolder;
import java.util.List;

/**
 * The state of every module, read without taking the lock.
 *
 * @param modules    per module, by name (modules known only from the history are included)
 * @param lockHolder who runs migrations right now, or null
 */
public record MigrationStatus(List<ModuleStatus> modules, LockHolder lockHolder) {

    public ModuleStatus module(String name) {
        return modules.stream().filter(m -> m.module().equals(name)).findFirst().orElse(null);
    }

    public boolean upToDate() {
        return modules.stream().allMatch(ModuleStatus::upToDate);
    }
}
