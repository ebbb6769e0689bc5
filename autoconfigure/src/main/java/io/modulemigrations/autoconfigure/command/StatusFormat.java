package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.json.JsonText;
import org.jspecify.annotations.Nullable;

import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleStatus;
import io.modulemigrations.history.AppliedMigration;
import io.modulemigrations.link.LinkAction;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.lock.LockHolder;
import io.modulemigrations.script.ScriptState;
import java.util.List;

/** {@code db:status} output: a readable table, or JSON with {@code --json}. */
final class StatusFormat {

    /** What {@code db:status} shows. */
    record Status(List<ModuleStatus> modules, List<ModuleLink> links, List<LinkAction> linkActions, List<ScriptState> scripts,
            LockHolder lockHolder) {
    }

    private StatusFormat() {
    }

    static String text(Status status) {
        List<ModuleStatus> modules = status.modules();
        LockHolder lockHolder = status.lockHolder();
        StringBuilder sb = new StringBuilder();
        for (ModuleStatus m : modules) {
            sb.append(m.module()).append(": ").append(m.applied().size()).append(" applied, ")
                    .append(m.pending().size()).append(" pending");
            if (!m.missing().isEmpty()) {
                sb.append(", ").append(m.missing().size()).append(" missing from the code");
            }
            if (!m.changed().isEmpty()) {
                sb.append(", ").append(m.changed().size()).append(" changed since applied");
            }
            if (!m.dependsOn().isEmpty()) {
                sb.append(" (after ").append(String.join(", ", m.dependsOn())).append(')');
            }
            sb.append('\n');
            for (AppliedMigration a : m.applied()) {
                sb.append("  applied  ").append(a.name()).append("  batch ").append(a.batch()).append("  ")
                        .append(a.appliedAt()).append("  ").append(a.executionMs()).append(" ms")
                        .append(m.changed().contains(a.name()) ? "  CHANGED" : "").append('\n');
            }
            m.pending().forEach(name -> sb.append("  pending  ").append(name).append('\n'));
            m.missing().forEach(name -> sb.append("  missing  ").append(name).append('\n'));
        }
        if (modules.isEmpty()) {
            sb.append("No modules have migrations.\n");
        }
        sb.append("links: ").append(status.links().size()).append(" declared, ").append(status.linkActions().size())
                .append(" action(s) pending\n");
        status.links().forEach(l -> sb.append("  declared  ").append(l).append('\n'));
        status.linkActions().forEach(a -> sb.append("  pending   ").append(a.safe() ? "safe    " : "UNSAFE  ").append(a.impact()).append('\n'));
        sb.append("scripts: ").append(status.scripts().size()).append('\n');
        for (ScriptState s : status.scripts()) {
            sb.append("  ").append(String.format("%-8s", s.state())).append(' ').append(s.name());
            if (s.startedAt() != null) {
                sb.append("  started ").append(s.startedAt());
            }
            if (s.finishedAt() != null) {
                sb.append("  finished ").append(s.finishedAt());
            }
            if (s.error() != null) {
                sb.append("  error: ").append(s.error());
            }
            sb.append('\n');
        }
        sb.append(lockHolder == null ? "Lock: free\n" : "Lock: held by " + lockHolder + "\n");
        return sb.toString();
    }

    static String json(Status status) {
        List<ModuleStatus> modules = status.modules();
        LockHolder lockHolder = status.lockHolder();
        StringBuilder sb = new StringBuilder("{\"modules\":{");
        for (int i = 0; i < modules.size(); i++) {
            ModuleStatus m = modules.get(i);
            sb.append(i == 0 ? "" : ",").append(string(m.module())).append(":{\"applied\":[");
            for (int j = 0; j < m.applied().size(); j++) {
                AppliedMigration a = m.applied().get(j);
                sb.append(j == 0 ? "" : ",").append("{\"name\":").append(string(a.name()))
                        .append(",\"batch\":").append(a.batch())
                        .append(",\"appliedAt\":").append(string(String.valueOf(a.appliedAt())))
                        .append(",\"executionMs\":").append(a.executionMs())
                        .append(",\"checksum\":").append(string(a.checksum()))
                        .append(",\"appliedBy\":").append(string(a.appliedBy())).append('}');
            }
            sb.append("],\"pending\":").append(strings(m.pending()))
                    .append(",\"missing\":").append(strings(m.missing()))
                    .append(",\"changed\":").append(strings(m.changed()))
                    .append(",\"dependsOn\":").append(strings(m.dependsOn())).append('}');
        }
        sb.append("},\"links\":{\"declared\":[");
        for (int i = 0; i < status.links().size(); i++) {
            ModuleLink l = status.links().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"table\":").append(string(l.tableName()))
                    .append(",\"moduleA\":").append(string(l.moduleA())).append(",\"entityA\":").append(string(l.entityA()))
                    .append(",\"moduleB\":").append(string(l.moduleB())).append(",\"entityB\":").append(string(l.entityB())).append('}');
        }
        sb.append("],\"pending\":[");
        for (int i = 0; i < status.linkActions().size(); i++) {
            LinkAction a = status.linkActions().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"table\":").append(string(a.table()))
                    .append(",\"kind\":").append(string(a.kind().name())).append(",\"safe\":").append(a.safe())
                    .append(",\"impact\":").append(string(a.impact())).append('}');
        }
        sb.append("]},\"scripts\":[");
        for (int i = 0; i < status.scripts().size(); i++) {
            ScriptState s = status.scripts().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":").append(string(s.name()))
                    .append(",\"state\":").append(string(s.state()))
                    .append(",\"startedAt\":").append(s.startedAt() == null ? "null" : string(s.startedAt().toString()))
                    .append(",\"finishedAt\":").append(s.finishedAt() == null ? "null" : string(s.finishedAt().toString()))
                    .append(",\"error\":").append(string(s.error())).append('}');
        }
        sb.append("],\"lockHolder\":");
        if (lockHolder == null) {
            sb.append("null");
        } else {
            sb.append("{\"pid\":").append(lockHolder.pid())
                    .append(",\"applicationName\":").append(string(lockHolder.applicationName()))
                    .append(",\"clientAddress\":").append(string(lockHolder.clientAddress()))
                    .append(",\"since\":").append(string(String.valueOf(lockHolder.since()))).append('}');
        }
        return sb.append("}\n").toString();
    }

    /** Only the modules asked for, or all when none were named. */
    static List<ModuleStatus> select(MigrationStatus status, List<String> names) {
        return names.isEmpty() ? status.modules() : status.modules().stream().filter(m -> names.contains(m.module())).toList();
    }

    private static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(string(values.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String string(@Nullable String value) {
        return value == null ? "null" : JsonText.string(value);
    }
}
