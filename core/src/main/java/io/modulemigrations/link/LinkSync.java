package io.modulemigrations.link;

import io.modulemigrations.link.LinkAction.Kind;
import io.modulemigrations.link.LinkActionResult.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps link tables in step with the declared {@link ModuleLink}s: {@link #plan} compares the
 * declarations with the live catalog and {@code module_links} (which says which tables are link
 * tables), {@link #apply} runs the chosen actions. Never prompts; choosing unsafe actions is the
 * caller's job ({@link LinkMode}, or an interactive selection).
 *
 * <pre>{@code
 * LinkSync sync = new LinkSync(null, "module_links");
 * LinkPlan plan = sync.plan(connection, links);
 * LinkSyncResult result = sync.apply(connection, plan, LinkMode.SAFE);
 * }</pre>
 *
 * Run both under the migration run lock, so that two instances do not sync at once.
 */
public final class LinkSync {

    private static final Logger log = LoggerFactory.getLogger(LinkSync.class);

    private final @Nullable String schema;
    private final LinkRecords records;

    /**
     * @param schema where link tables and the bookkeeping table live, or null for the connection's current schema
     * @param table  the bookkeeping table, normally {@code module_links}
     */
    public LinkSync(@Nullable String schema, String table) {
        this(schema, table, schema != null);
    }

    /**
     * @param schema       where link tables and the bookkeeping table live, or null for the connection's current schema
     * @param table        the bookkeeping table, normally {@code module_links}
     * @param createSchema whether the schema is created when missing (a configured one) or left (the current schema)
     */
    public LinkSync(@Nullable String schema, String table, boolean createSchema) {
        this.schema = schema;
        this.records = new LinkRecords(schema, table, createSchema);
    }

    /**
     * What it takes to bring the database in step with {@code declared}. Only reads (in the
     * connection's current transaction state), also when {@code module_links} does not exist yet.
     * Unsafe actions carry row and value counts, so the plan says what they would lose.
     *
     * @throws IllegalArgumentException two declarations share a table name, or one uses the bookkeeping table's name
     */
    public LinkPlan plan(Connection c, List<ModuleLink> declared) throws SQLException {
        Map<String, LinkTable> tables = new TreeMap<>();
        Map<String, String> descriptors = new TreeMap<>();
        for (ModuleLink link : declared) {
            LinkTable table = new LinkTable(link, schema);
            LinkTable other = tables.put(table.name, table);
            if (other != null) {
                throw new IllegalArgumentException("Links " + other.link + " and " + link + " both use table " + table.name
                        + "; give one of them another table with withTable(…)");
            }
            if (table.name.equals(records.table)) {
                throw new IllegalArgumentException("Link " + link + " uses the bookkeeping table's name " + records.table);
            }
            descriptors.put(table.name, link.descriptor());
        }

        LiveCatalog live = new LiveCatalog(c, schema);
        boolean recordsExist = !live.relations(List.of(records.table)).isEmpty();
        Map<String, Boolean> recorded = recordsExist ? records.read(c, descriptors) : Map.of();
        Set<String> names = new LinkedHashSet<>(tables.keySet());
        names.addAll(recorded.keySet());
        Map<String, Map<String, String>> columns = live.columns(names);
        Set<String> types = new HashSet<>();
        Set<String> indexes = new HashSet<>();
        for (LinkTable t : tables.values()) {
            if (columns.containsKey(t.name)) {
                t.columns.forEach(col -> types.add(col.type()));
                indexes.addAll(t.indexes.keySet());
            }
        }
        Map<String, String> canonical;
        try {
            canonical = live.canonicalTypes(types);
        } catch (SQLException e) {
            throw new SQLException("Could not read the declared link column types " + new TreeSet<>(types)
                    + " as PostgreSQL types (is one misspelt?): " + e.getMessage(), e.getSQLState(), e);
        }
        Set<String> liveIndexes = live.relations(indexes);

        List<LinkAction> actions = new ArrayList<>();
        for (LinkTable t : tables.values()) {
            Map<String, String> liveColumns = columns.get(t.name);
            if (liveColumns == null) {
                List<String> sql = new ArrayList<>(t.createSql());
                sql.add(records.upsertSql(t.link));
                actions.add(new LinkAction(t.name, Kind.CREATE_TABLE, true, sql, recorded.containsKey(t.name)
                        ? "re-creates table " + t.name + " (recorded in " + records.table + " but missing from the database)"
                        : "creates table " + t.name + " for " + pair(t.link)));
            } else if (!recorded.containsKey(t.name)
                    && !(liveColumns.containsKey(t.link.columnA()) && liveColumns.containsKey(t.link.columnB()))) {
                // Someone else's table: never alter it. Creating fails ("already exists"), so the sync fails loudly.
                actions.add(new LinkAction(t.name, Kind.CREATE_TABLE, true, t.createSql(), "creates table " + t.name + " for "
                        + pair(t.link) + ", but a table of that name exists and is not a link table (no " + t.link.columnA() + " and "
                        + t.link.columnB() + "); rename that table or give the link another table with withTable(…)"));
            } else {
                compare(t, liveColumns, recorded.get(t.name), canonical, liveIndexes, live, actions);
            }
        }
        for (String name : recorded.keySet()) {
            if (tables.containsKey(name)) {
                continue;
            }
            if (columns.containsKey(name)) {
                String qualified = Identifiers.qualified(schema, name);
                long rows = live.counts(qualified, List.of())[0];
                actions.add(new LinkAction(name, Kind.DROP_TABLE, false, List.of(LinkTable.dropTableSql(qualified),
                        records.deleteSql(name)), "drops table " + name + " with " + rows + (rows == 1 ? " row" : " rows")
                        + " (its link is no longer declared)"));
            } else {
                actions.add(new LinkAction(name, Kind.RECORD, true, List.of(records.deleteSql(name)), "forgets table " + name
                        + " in " + records.table + " (its link is no longer declared and the table no longer exists)"));
            }
        }
        return new LinkPlan(recordsExist ? List.of() : records.createSql(), actions);
    }

    /** The actions for a declared link whose table exists: additions first, then changes, then drops. */
    private void compare(LinkTable t, Map<String, String> liveColumns, Boolean descriptorCurrent, Map<String, String> canonical,
            Set<String> liveIndexes, LiveCatalog live, List<LinkAction> actions) throws SQLException {
        String upsert = records.upsertSql(t.link);
        List<LinkAction> safe = new ArrayList<>();
        List<LinkTable.Column> altered = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (LinkTable.Column col : t.columns) {
            expected.add(col.name());
            String liveType = liveColumns.get(col.name());
            if (liveType == null) {
                safe.add(new LinkAction(t.name, Kind.ADD_COLUMN, true, List.of(t.addColumnSql(col), upsert),
                        "adds column " + col.name() + " " + col.type() + " to table " + t.name));
            } else if (!liveType.equals(canonical.getOrDefault(col.type(), col.type()))) {
                altered.add(col);
            }
        }
        for (Map.Entry<String, String> index : t.indexes.entrySet()) {
            if (!liveIndexes.contains(index.getKey())) {
                safe.add(new LinkAction(t.name, Kind.CREATE_INDEX, true, List.of(index.getValue(), upsert),
                        "creates missing index " + index.getKey() + " on table " + t.name));
            }
        }
        List<String> dropped = liveColumns.keySet().stream().filter(name -> !expected.contains(name)).toList();
        actions.addAll(safe);
        if (!altered.isEmpty() || !dropped.isEmpty()) {
            List<String> counted = new ArrayList<>();
            altered.forEach(col -> counted.add(col.name()));
            counted.addAll(dropped);
            long[] counts = live.counts(t.qualified, counted);
            int i = 1;
            for (LinkTable.Column col : altered) {
                long values = counts[i++];
                actions.add(new LinkAction(t.name, Kind.ALTER_COLUMN, false, List.of(t.alterColumnSql(col), upsert),
                        "changes column " + col.name() + " of table " + t.name + " from " + liveColumns.get(col.name()) + " to "
                        + col.type() + " (" + values + " non-null " + (values == 1 ? "value" : "values")
                        + " to convert; fails if any does not)"));
            }
            for (String column : dropped) {
                long values = counts[i++];
                actions.add(new LinkAction(t.name, Kind.DROP_COLUMN, false, List.of(LinkTable.dropColumnSql(t.qualified, column), upsert),
                        "drops column " + column + " " + liveColumns.get(column) + " of table " + t.name + " (" + values
                        + " non-null " + (values == 1 ? "value" : "values") + ")"));
            }
        }
        if (safe.isEmpty() && !Boolean.TRUE.equals(descriptorCurrent)) {
            actions.add(new LinkAction(t.name, Kind.RECORD, true, List.of(upsert), descriptorCurrent == null
                    ? "records table " + t.name + " in " + records.table
                    : "updates the definition of table " + t.name + " in " + records.table));
        }
    }

    /**
     * Applies the actions {@code include} accepts, each in its own transaction with its
     * {@code module_links} change, creating {@code module_links} first when needed. Every action
     * gets an outcome: a failed one is rolled back and reported, later actions on the same table are
     * skipped, other tables go on. Commits as it goes: call it outside a transaction. Restores the
     * connection's auto-commit setting.
     *
     * @param include which actions to run, e.g. {@link LinkMode#SAFE}, or the unsafe ones a user picked
     * @throws SQLException only when {@code module_links} could not be created; then nothing was applied
     */
    public LinkSyncResult apply(Connection c, LinkPlan plan, Predicate<LinkAction> include) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        List<LinkActionResult> results = new ArrayList<>();
        try {
            c.setAutoCommit(false);
            if (!plan.prepare().isEmpty() && plan.actions().stream().anyMatch(include)) {
                try {
                    execute(c, plan.prepare());
                    c.commit();
                } catch (SQLException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            }
            Set<String> failedTables = new HashSet<>();
            for (LinkAction action : plan.actions()) {
                LinkActionResult result;
                if (!include.test(action)) {
                    result = new LinkActionResult(action, Outcome.SKIPPED, "not selected" + (action.safe() ? "" : " (unsafe)") + ": "
                            + action.impact());
                } else if (failedTables.contains(action.table())) {
                    result = new LinkActionResult(action, Outcome.SKIPPED, "an earlier action on table " + action.table()
                            + " failed: " + action.impact());
                } else {
                    try {
                        execute(c, action.sql());
                        c.commit();
                        result = new LinkActionResult(action, Outcome.APPLIED, action.impact());
                    } catch (SQLException e) {
                        rollbackQuietly(c);
                        failedTables.add(action.table());
                        result = new LinkActionResult(action, Outcome.FAILED, action.impact() + ": " + e.getMessage()
                                + " (rolled back; table " + action.table() + " is as it was before this action)");
                    }
                }
                log(result);
                results.add(result);
            }
        } finally {
            if (!c.getAutoCommit()) {
                rollbackQuietly(c);
            }
            c.setAutoCommit(autoCommit);
        }
        return new LinkSyncResult(results);
    }

    private static String pair(ModuleLink link) {
        return link.moduleA() + "." + link.entityA() + " <-> " + link.moduleB() + "." + link.entityB();
    }

    private static void execute(Connection c, List<String> sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The action's failure is what gets reported; a broken connection fails the next action too.
        }
    }

    private static void log(LinkActionResult r) {
        switch (r.outcome()) {
            case APPLIED -> log.info("Link table {}: applied: {}", r.action().table(), r.message());
            case SKIPPED -> log.info("Link table {}: skipped: {}", r.action().table(), r.message());
            case FAILED -> log.warn("Link table {}: FAILED: {}", r.action().table(), r.message());
            default -> throw new IllegalStateException(r.outcome().name());
        }
    }
}
