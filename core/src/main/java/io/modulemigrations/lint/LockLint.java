package io.modulemigrations.lint;

import io.modulemigrations.migration.LoadedMigration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.sql.SqlStatement;
import io.modulemigrations.sql.SqlStatements;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a migration's up on a scratch database inside a transaction that is rolled back, one
 * statement at a time, and after each reads from {@code pg_locks} (same session) which locks it
 * took on tables that existed before the migration, and from {@code pg_class} whether it rewrote
 * one (its relfilenode changed). A statement that holds a lock blocking writes (or reads and
 * writes) while it scans or rewrites a table is a {@link LockFinding}; short catalog-only changes
 * (add a nullable column, rename, drop) are not: {@code lock-timeout} with retries is what keeps
 * those from queueing behind long queries. A migration with {@code transaction:false} is not run.
 */
public final class LockLint {

    private static final Pattern IGNORE = Pattern.compile("--\\s*lint:ignore\\s+([a-z-]+(?:\\s*,\\s*[a-z-]+)*)");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?is).*\\bcreate\\s+(unique\\s+)?index\\b.*");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?is).*\\bconcurrently\\b.*");
    private static final Pattern FOREIGN_KEY = Pattern.compile("(?is).*\\bforeign\\s+key\\b.*");
    private static final Pattern NOT_VALID = Pattern.compile("(?is).*\\bnot\\s+valid\\b.*");
    private static final Pattern ADD_CHECK = Pattern.compile("(?is).*\\badd\\s+(constraint\\s+\\S+\\s+)?check\\b.*");
    private static final Pattern SET_NOT_NULL = Pattern.compile("(?is)alter\\s+column\\s+\"?([^\"\\s]+)\"?\\s+set\\s+not\\s+null");
    private static final Pattern TYPE_CHANGE = Pattern.compile("(?is).*\\balter\\s+(column\\s+)?\\S+\\s+(set\\s+data\\s+)?type\\b.*");
    private static final Pattern ADD_COLUMN_DEFAULT = Pattern.compile("(?is).*\\badd\\s+(column\\s+)?.*\\bdefault\\b.*");

    private static final String TABLES = "select c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relfilenode"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p')"
            + " and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'";
    private static final String LOCKS = "select l.relation, l.mode from pg_locks l where l.pid = pg_backend_pid() and l.granted"
            + " and l.locktype = 'relation' and l.relation = any(?)";
    private static final String FILENODES = "select c.oid, c.relfilenode from pg_class c where c.oid = any(?)";
    private static final String VALID_CHECKS = "select pg_get_constraintdef(oid) from pg_constraint where conrelid = ? and contype = 'c'"
            + " and convalidated";

    /** Lock modes that block writes, weakest first; weaker ones (row locks, share update exclusive) block no reads or writes. */
    private static final List<String> BLOCKING = List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private LockLint() {
    }

    /**
     * Lints {@code migration}'s up on {@code scratch}, which must be in the state right before it; leaves it in that state.
     *
     * @return the findings, not counting those a {@code -- lint:ignore <rule>} comment acknowledges
     * @throws SQLException if the catalog cannot be read; a failing statement ends the linting of this migration quietly
     */
    public static List<LockFinding> check(Connection scratch, LoadedMigration migration) throws SQLException {
        if (!migration.transactional()) {
            return List.of();
        }
        boolean autoCommit = scratch.getAutoCommit();
        scratch.setAutoCommit(false);
        try {
            Run run = new Run(scratch, migration);
            try {
                migration.up(run);
            } catch (Exception e) {
                // the statement fails here as it will in the real run, which reports it
            }
            return run.findings;
        } finally {
            scratch.rollback();
            scratch.setAutoCommit(autoCommit);
        }
    }

    /** Runs statements one by one and looks after each. */
    private static final class Run implements MigrationContext {

        private final Connection c;
        private final LoadedMigration migration;
        private final Map<Long, String> names = new HashMap<>();
        private final Map<Long, Long> filenodes = new HashMap<>();
        private final Map<Long, String> held = new HashMap<>();
        private final Array existing;
        final List<LockFinding> findings = new ArrayList<>();

        Run(Connection c, LoadedMigration migration) throws SQLException {
            this.c = c;
            this.migration = migration;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                    filenodes.put(rs.getLong(1), rs.getLong(3));
                }
            }
            this.existing = c.createArrayOf("oid", names.keySet().toArray());
        }

        @Override
        public void sql(String sql) {
            for (SqlStatement parsed : SqlStatements.parse(sql)) {
                if (!parsed.code()) {
                    continue;
                }
                // the comments before a statement belong to it here: a lint:ignore comment is one
                String statement = parsed.rawText();
                try {
                    Map<Long, Boolean> provenNotNull = provenNotNull(statement);
                    try (Statement st = c.createStatement()) {
                        st.setEscapeProcessing(false);
                        st.execute(parsed.text());
                    }
                    look(statement, provenNotNull);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private void look(String statement, Map<Long, Boolean> provenNotNull) throws SQLException {
            Map<Long, String> now = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(LOCKS)) {
                ps.setArray(1, existing);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        now.merge(rs.getLong(1), rs.getString(2), LockLint::stronger);
                    }
                }
            }
            Map<Long, Boolean> rewritten = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(FILENODES)) {
                ps.setArray(1, existing);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long oid = rs.getLong(1);
                        Long before = filenodes.put(oid, rs.getLong(2));
                        if (before != null && before != rs.getLong(2)) {
                            rewritten.put(oid, true);
                        }
                    }
                }
            }
            for (Map.Entry<Long, String> lock : now.entrySet()) {
                long oid = lock.getKey();
                String mode = lock.getValue();
                String before = held.put(oid, stronger(mode, held.get(oid)));
                boolean newlyHeld = before == null || BLOCKING.indexOf(mode) > BLOCKING.indexOf(before);
                if (!BLOCKING.contains(mode) || (!newlyHeld && !rewritten.containsKey(oid))) {
                    continue;
                }
                LockRule rule = rule(statement, rewritten.containsKey(oid), provenNotNull.getOrDefault(oid, false));
                if (rule != null && !ignored(statement, rule)) {
                    findings.add(new LockFinding(migration.module(), migration.name(), statement, names.get(oid), mode,
                            rewritten.containsKey(oid), rule));
                }
            }
        }

        /** For a set not null: per existing table, whether a validated check constraint already proves the column is not null. */
        private Map<Long, Boolean> provenNotNull(String statement) throws SQLException {
            Matcher m = SET_NOT_NULL.matcher(statement);
            if (!m.find()) {
                return Map.of();
            }
            String proof = "(" + m.group(1).toLowerCase(Locale.ROOT) + " is not null)";
            Map<Long, Boolean> proven = new HashMap<>();
            for (long oid : names.keySet()) {
                try (PreparedStatement ps = c.prepareStatement(VALID_CHECKS)) {
                    ps.setLong(1, oid);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getString(1).toLowerCase(Locale.ROOT).replace("\"", "").contains(proof)) {
                                proven.put(oid, true);
                            }
                        }
                    }
                }
            }
            return proven;
        }

        @Override
        public Connection connection() {
            return c;
        }

        @Override
        public String module() {
            return migration.module();
        }

        @Override
        public String name() {
            return migration.name();
        }
    }

    private static LockRule rule(String statement, boolean rewritten, boolean provenNotNull) {
        String sql = withoutComments(statement);
        if (rewritten) {
            return TYPE_CHANGE.matcher(sql).matches() ? LockRule.COLUMN_TYPE_REWRITE
                    : ADD_COLUMN_DEFAULT.matcher(sql).matches() ? LockRule.ADD_COLUMN_VOLATILE_DEFAULT : LockRule.TABLE_REWRITE;
        }
        if (CREATE_INDEX.matcher(sql).matches() && !CONCURRENTLY.matcher(sql).matches()) {
            return LockRule.CREATE_INDEX;
        }
        if (FOREIGN_KEY.matcher(sql).matches() && !NOT_VALID.matcher(sql).matches()) {
            return LockRule.ADD_FOREIGN_KEY;
        }
        if (SET_NOT_NULL.matcher(sql).find() && !provenNotNull) {
            return LockRule.SET_NOT_NULL;
        }
        if (ADD_CHECK.matcher(sql).matches() && !NOT_VALID.matcher(sql).matches()) {
            return LockRule.ADD_CHECK_CONSTRAINT;
        }
        return null;
    }

    private static boolean ignored(String statement, LockRule rule) {
        Matcher m = IGNORE.matcher(statement);
        while (m.find()) {
            for (String id : m.group(1).split("\\s*,\\s*")) {
                if (id.equals(rule.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String withoutComments(String statement) {
        return statement.replaceAll("--[^\\n]*", " ");
    }

    private static String stronger(String a, String b) {
        if (b == null) {
            return a;
        }
        return BLOCKING.indexOf(a) >= BLOCKING.indexOf(b) ? a : b;
    }
}
