package io.modulemigrations.script;

import io.modulemigrations.sql.SqlStatements;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migration scripts once each, tracked in {@code module_migration_scripts}. A script is
 * claimed with a session advisory lock of its own, so two instances never run it at once and a
 * crashed claimer releases it with its session; its row tells whether it finished, failed, or
 * was interrupted.
 */
public final class ScriptRunner {

    private static final Logger log = LoggerFactory.getLogger("io.modulemigrations.ModuleMigrations");
    private static final String UNDEFINED_TABLE = "42P01";

    private final String qualifiedName;
    private final @Nullable String schema;
    private final boolean createSchema;

    /**
     * @param schema the schema, or null for the connection's current schema
     * @param table  the table name
     */
    public ScriptRunner(@Nullable String schema, String table) {
        this(schema, table, schema != null);
    }

    /**
     * @param schema       the schema, or null for the connection's current schema
     * @param table        the table name
     * @param createSchema whether the schema is created when missing (a configured one) or left (the current schema)
     */
    public ScriptRunner(@Nullable String schema, String table, boolean createSchema) {
        this.schema = schema;
        this.createSchema = createSchema && schema != null;
        this.qualifiedName = (schema == null ? "" : quote(schema) + ".") + quote(table);
    }

    /** Creates the tracking table if it is missing; run under the run lock. */
    public void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute((!createSchema ? "" : "create schema if not exists " + quote(schema) + ";\n")
                    + "create table if not exists " + qualifiedName + " (\n"
                    + "  name text primary key,\n"
                    + "  started_at timestamptz,\n"
                    + "  finished_at timestamptz,\n"
                    + "  error text\n"
                    + ")");
        }
    }

    /** Names of scripts that finished; null when the table does not exist yet. */
    public @Nullable Set<String> finished(Connection c) throws SQLException {
        Set<String> done = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select name from " + qualifiedName + " where finished_at is not null")) {
            while (rs.next()) {
                done.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return null;
        }
        return done;
    }

    /** What each script's row says, by name; empty when the table does not exist yet. */
    public List<ScriptState> states(Connection c) throws SQLException {
        List<ScriptState> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select name, started_at, finished_at, error from " + qualifiedName + " order by name")) {
            while (rs.next()) {
                rows.add(new ScriptState(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getString(4)));
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        return rows;
    }

    /**
     * Runs every script that has not finished, in name order, on this connection (autocommit on
     * entry). Stops at the first failure: later scripts may rely on it.
     */
    public List<ScriptOutcome> run(Connection c, List<MigrationScript> scripts) throws SQLException {
        List<MigrationScript> ordered = new ArrayList<>(scripts);
        ordered.sort(Comparator.comparing(MigrationScript::name));
        Set<String> done = finished(c);
        if (done == null) {
            throw new IllegalStateException("create the scripts table first");
        }
        List<ScriptOutcome> outcomes = new ArrayList<>();
        boolean failed = false;
        for (MigrationScript script : ordered) {
            if (failed) {
                outcomes.add(new ScriptOutcome(script.name(), ScriptOutcome.Status.NOT_RUN, Duration.ZERO, null));
            } else if (done.contains(script.name())) {
                outcomes.add(new ScriptOutcome(script.name(), ScriptOutcome.Status.ALREADY_DONE, Duration.ZERO, null));
            } else {
                ScriptOutcome outcome = claimAndRun(c, script);
                outcomes.add(outcome);
                failed = outcome.status() == ScriptOutcome.Status.FAILED;
            }
        }
        return outcomes;
    }

    private ScriptOutcome claimAndRun(Connection c, MigrationScript script) throws SQLException {
        String name = script.name();
        long key = key(name);
        if (!advisory(c, "select pg_try_advisory_lock(?)", key)) {
            log.info("Script {} is running in another instance; not waiting for it", name);
            return new ScriptOutcome(name, ScriptOutcome.Status.RUNNING_ELSEWHERE, Duration.ZERO, null);
        }
        try {
            String warning = null;
            try (PreparedStatement ps = c.prepareStatement("select started_at, finished_at, error from " + qualifiedName + " where name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getTimestamp(2) != null) {
                            return new ScriptOutcome(name, ScriptOutcome.Status.ALREADY_DONE, Duration.ZERO, null);
                        }
                        warning = rs.getString(3) != null
                                ? "Script " + name + " failed in an earlier run (" + rs.getString(3) + "); running it again"
                                : "Script " + name + " started at " + rs.getTimestamp(1).toInstant()
                                        + " but never finished (its process stopped); running it again";
                        log.warn(warning);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + qualifiedName + " (name, started_at) values (?, clock_timestamp())"
                    + " on conflict (name) do update set started_at = excluded.started_at, error = null")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            return execute(c, script, warning);
        } finally {
            advisory(c, "select pg_advisory_unlock(?)", key);
        }
    }

    private ScriptOutcome execute(Connection c, MigrationScript script, @Nullable String warning) throws SQLException {
        String name = script.name();
        log.info("Script {}: running", name);
        long start = System.nanoTime();
        try {
            c.setAutoCommit(!script.transactional());
            script.run(new Context(c, name));
            try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName + " set finished_at = clock_timestamp() where name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            if (script.transactional()) {
                c.commit();
            }
        } catch (Exception e) {
            if (script.transactional()) {
                c.rollback();
            }
            c.setAutoCommit(true);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName + " set error = ? where name = ?")) {
                ps.setString(1, error);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            log.error("Script {} failed: {}", name, error);
            return new ScriptOutcome(name, ScriptOutcome.Status.FAILED, Duration.ofNanos(System.nanoTime() - start), error);
        } finally {
            c.setAutoCommit(true);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("Script {}: finished in {} ms", name, took.toMillis());
        return new ScriptOutcome(name, ScriptOutcome.Status.RAN, took, warning);
    }

    private long key(String name) {
        CRC32C crc = new CRC32C();
        crc.update(("module-migrations-script:" + qualifiedName + ":" + name).getBytes(StandardCharsets.UTF_8));
        return 0x4D53_0000_0000_0000L | crc.getValue();
    }

    private static boolean advisory(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static java.time.@Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private record Context(Connection connection, String name) implements ScriptContext {
        @Override
        public void sql(String sql) {
            try (Statement st = connection.createStatement()) {
                for (String statement : SqlStatements.split(sql)) {
                    st.execute(statement);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
