package io.modulemigrations.autoconfigure;

import io.modulemigrations.MigrationStatus;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The links and migration scripts the application declares (its {@link ModuleLink} and
 * {@link MigrationScript} beans), for status output: the engine's status knows only the scripts
 * that have started.
 *
 * @param links   the declared links
 * @param scripts the declared scripts
 */
public record DeclaredLinksAndScripts(List<ModuleLink> links, List<MigrationScript> scripts) {

    public DeclaredLinksAndScripts {
        links = List.copyOf(links);
        scripts = List.copyOf(scripts);
    }

    /** Every declared script and every script the database knows, by name; one that never started has no times. */
    public List<ScriptState> scriptStates(MigrationStatus status) {
        Map<String, ScriptState> states = new TreeMap<>();
        this.scripts.forEach(s -> states.put(s.name(), new ScriptState(s.name(), null, null, null)));
        status.scripts().forEach(s -> states.put(s.name(), s));
        return List.copyOf(states.values());
    }

    /** A script's state in a word: {@code done}, {@code failed}, {@code started} (running, or interrupted) or {@code pending}. */
    public static String state(ScriptState script) {
        if (script.finished()) {
            return "done";
        }
        if (script.error() != null) {
            return "failed";
        }
        return script.startedAt() != null ? "started" : "pending";
    }
}
