package io.modulemigrations.autoconfigure.command;

import io.modulemigrations.MigrationStatus;
import io.modulemigrations.ModuleStatus;
import io.modulemigrations.history.AppliedMigration;
import io.modulemigrations.lock.LockHolder;
import java.util.List;

/** {@code db:status} output: a readable table, or JSON with {@code --json}. */
final class StatusFormat {

    private StatusFormat() {
    }

    static String text(List<ModuleStatus> modules, LockHolder lockHolder) {
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
        sb.append(lockHolder == null ? "Lock: free\n" : "Lock: held by " + lockHolder + "\n");
        return sb.toString();
    }

    static String json(List<ModuleStatus> modules, LockHolder lockHolder) {
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
        sb.append("},\"lockHolder\":");
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

    private static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
