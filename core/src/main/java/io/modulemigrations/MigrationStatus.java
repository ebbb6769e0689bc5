package io.modulemigrations;

import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.script.ScriptState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of every module, read without taking the lock.
 *
 * @param modules    per module, by name (modules known only from the history are included)
 * @param scripts    declared migration scripts and those the database knows, by name (one never started has no times)
 * @param lockHolder who runs migrations right now, or null
 */
public record MigrationStatus(List<ModuleStatus> modules, List<ScriptState> scripts, @Nullable LockHolder lockHolder) {

    public @Nullable ModuleStatus module(String name) {
        return modules.stream().filter(m -> m.module().equals(name)).findFirst().orElse(null);
    }

    public boolean upToDate() {
        return modules.stream().allMatch(ModuleStatus::upToDate);
    }
}
