package io.modulemigrations;

import io.modulemigrations.history.History;
import io.modulemigrations.link.ModuleLink;
import io.modulemigrations.migration.LoadedMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A down the database refused because other objects depend on what it drops (SQLSTATE 2BP01,
 * "cannot drop table pets because other objects depend on it"): the objects the database listed,
 * each with the module that owns it. An object belongs to the module whose applied migration
 * created it (its up's SQL names it in a {@code create} or {@code constraint} clause), or to a
 * declared link when it is, or sits on, a link table.
 */
final class DependentObjects {

    static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

    private static final Pattern DEPENDS = Pattern.compile("^(.+?) depends on .+$");
    private static final Pattern CONSTRAINT_ON = Pattern.compile("^constraint (\\S+) on (?:table|foreign table) (\\S+)$");
    private static final Pattern RELATION = Pattern.compile("(?:table|view|sequence|index|type|function) (\\S+?)(?:\\(.*\\))?$");

    private final Engine engine;

    DependentObjects(Engine engine) {
        this.engine = engine;
    }

    /** One object the database named, and who owns it. */
    record Owned(String object, @Nullable String module, @Nullable String migration, @Nullable ModuleLink link) {

        @Override
        public String toString() {
            if (link != null) {
                return object + " (link table " + link.tableName() + " between modules " + link.moduleA() + " and " + link.moduleB() + ")";
            }
            return module == null ? object + " (created by no migration of any module)" : object + " (module " + module + ", created by " + module + "/" + migration + ")";
        }
    }

    /** The database's detail of a 2BP01 failure ("" when it gave none), or null when {@code failure} is not one. */
    static @Nullable String detail(Throwable failure) {
        String detail = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException e = s; e != null; e = e.getNextException()) {
                    if (DEPENDENT_OBJECTS_STILL_EXIST.equals(e.getSQLState())) {
                        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
                        if (server != null && server.getDetail() != null) {
                            return server.getDetail();
                        }
                        detail = "";
                    }
                }
            }
        }
        return detail;
    }

    /** Each object the detail lists, with its owner; history read on {@code c} (migrations of every module when it cannot be read). */
    List<Owned> owners(String detail, Connection c) {
        History history;
        try {
            history = engine.historyTable().readForRun(c);
        } catch (SQLException e) {
            history = null;
        }
        List<LoadedMigration> applied = new ArrayList<>();
        for (String module : engine.graph().order()) {
            for (LoadedMigration m : engine.migrations(module)) {
                if (history == null || history.isApplied(m.id())) {
                    applied.add(m);
                }
            }
        }
        List<Owned> owned = new ArrayList<>();
        for (String line : detail.split("\n")) {
            Matcher depends = DEPENDS.matcher(line.strip());
            if (depends.matches()) {
                owned.add(owner(depends.group(1), applied));
            }
        }
        return owned;
    }

    private Owned owner(String object, List<LoadedMigration> applied) {
        Matcher constraint = CONSTRAINT_ON.matcher(object);
        List<String[]> tries = new ArrayList<>();
        String relation = null;
        if (constraint.matches()) {
            tries.add(new String[] {"constraint", bare(constraint.group(1))});
            relation = bare(constraint.group(2));
        } else {
            Matcher r = RELATION.matcher(object);
            if (r.find()) {
                relation = bare(r.group(1));
            }
        }
        if (relation != null) {
            for (ModuleLink link : engine.settings.links()) {
                if (link.tableName().equals(relation)) {
                    return new Owned(object, null, null, link);
                }
            }
            tries.add(new String[] {"create", relation});
        }
        for (String[] t : tries) {
            Pattern p = t[0].equals("constraint")
                    ? Pattern.compile("\\bconstraint\\s+\"?" + Pattern.quote(t[1]) + "\"?\\s", Pattern.CASE_INSENSITIVE)
                    : Pattern.compile("\\bcreate\\b[^;]*?\\b(?:table|view|sequence|index|type|function)\\s+(?:if\\s+not\\s+exists\\s+)?"
                            + "(?:\"?\\w+\"?\\.)?\"?" + Pattern.quote(t[1]) + "\"?(?![\\w\"])", Pattern.CASE_INSENSITIVE);
            for (LoadedMigration m : applied) {
                List<String> up = statements(m);
                if (up.stream().anyMatch(s -> p.matcher(s).find())) {
                    return new Owned(object, m.module(), m.name(), null);
                }
            }
        }
        return new Owned(object, null, null, null);
    }

    /** What to do next, given who owns the objects and which modules this rollback undoes. */
    String next(List<Owned> owned, Set<String> rollingBack) {
        Set<String> others = new LinkedHashSet<>();
        List<String> links = new ArrayList<>();
        boolean unowned = false;
        boolean own = false;
        for (Owned o : owned) {
            if (o.link() != null) {
                links.add(o.link().tableName());
            } else if (o.module() == null) {
                unowned = true;
            } else if (rollingBack.contains(o.module())) {
                own = true;
            } else {
                others.add(o.module());
            }
        }
        List<String> steps = new ArrayList<>();
        if (!others.isEmpty()) {
            List<String> undeclared = new ArrayList<>();
            for (String other : others) {
                if (rollingBack.stream().noneMatch(m -> engine.graph().dependentsOf(m).contains(other))) {
                    undeclared.add(other);
                }
            }
            List<String> all = new ArrayList<>(rollingBack);
            all.addAll(others);
            steps.add("roll back " + String.join(", ", others) + " first (db:rollback " + String.join(" ", all)
                    + " undoes dependents first)" + (undeclared.isEmpty() ? "" : "; and declare that " + String.join(", ", undeclared)
                    + " depends on " + String.join(", ", rollingBack) + " (module-migrations.modules." + undeclared.get(0)
                    + ".depends-on), so a rollback checks this before it runs"));
        }
        if (!links.isEmpty()) {
            steps.add("remove the link declaration(s) of " + String.join(", ", links) + " and run db:sync-links --execute-all to drop the link table(s)");
        }
        if (own) {
            steps.add("make the down drop the module's own dependent objects first");
        }
        if (unowned) {
            steps.add("drop or change by hand the objects no migration created");
        }
        if (steps.isEmpty()) {
            return "Next: drop or change what depends on it, then run the rollback again.";
        }
        return "Next: " + String.join("; ", steps) + "; then run the rollback again.";
    }

    private static List<String> statements(LoadedMigration m) {
        try {
            List<String> s = m.plannedStatements(true);
            return s == null ? List.of() : s;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String bare(String name) {
        String n = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        return n.replace("\"", "");
    }
}
