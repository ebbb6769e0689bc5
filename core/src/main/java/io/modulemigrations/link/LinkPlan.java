package io.modulemigrations.link;

import java.util.List;

/**
 * What {@link LinkSync#plan} found to do. Planning changes nothing.
 *
 * @param prepare statements run before the first action: creating {@code module_links} (and its
 *                schema) when missing; empty when it exists
 * @param actions the actions, per table in table-name order, then drops of undeclared links
 */
public record LinkPlan(List<String> prepare, List<LinkAction> actions) {

    public LinkPlan {
        prepare = List.copyOf(prepare);
        actions = List.copyOf(actions);
    }

    /** True when the declared links and the database already agree. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** The actions that lose nothing (applied by default). */
    public List<LinkAction> safe() {
        return actions.stream().filter(LinkAction::safe).toList();
    }

    /** The actions that may lose data; each one's {@link LinkAction#impact() impact} says what. */
    public List<LinkAction> unsafe() {
        return actions.stream().filter(a -> !a.safe()).toList();
    }

    /** The whole plan as a readable SQL script, each action preceded by a comment with its impact. */
    public String toSql() {
        StringBuilder sb = new StringBuilder("-- Link sync: ").append(actions.size()).append(" action(s), ")
                .append(unsafe().size()).append(" unsafe\n");
        if (!prepare.isEmpty() && !actions.isEmpty()) {
            sb.append("\n-- creates the link bookkeeping table\n");
            prepare.forEach(s -> sb.append(s).append(";\n"));
        }
        actions.forEach(a -> sb.append('\n').append(a.toSql()));
        return sb.toString();
    }
}
