package io.modulemigrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The session state a migration starts from: the settings set on the session (the application's
 * pool may have set some, e.g. a {@code search_path}; the engine adds its own), the role and the
 * session user. {@link #resetStatements()} puts a session back to it whatever a migration set.
 */
final class SessionBaseline {

    private static final String READ = "select 's', name, current_setting(name) from pg_settings"
            + " where source = 'session' and name not like 'transaction\\_%'"
            + " union all select 'u', session_user::text,"
            + " (select usename::text from pg_stat_activity where pid = pg_backend_pid())"
            + " union all select 'r', current_setting('role'), null";

    private final Map<String, String> settings;
    private final @Nullable String sessionUser;
    private final boolean sessionUserIsLogin;
    private final String role;
    /** {@link #resetStatementsForBatch} as last built, and for which table: every migration of a run asks for it. */
    private @Nullable List<String> forBatch;
    private @Nullable String forBatchTable;
    /** {@link #defaultsForBatch()} and {@link #settingsCondition()}, built once: every migration of a run asks for them. */
    private @Nullable List<String> defaults;
    private @Nullable String settingsCondition;

    private SessionBaseline(Map<String, String> settings, @Nullable String sessionUser, boolean sessionUserIsLogin, String role) {
        this.settings = settings;
        this.sessionUser = sessionUser;
        this.sessionUserIsLogin = sessionUserIsLogin;
        this.role = role;
    }

    /** What the session holds now. */
    static SessionBaseline read(Connection connection) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        String sessionUser = null;
        boolean login = true;
        String role = "none";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(READ)) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "s" -> settings.put(rs.getString(2), rs.getString(3));
                    case "u" -> {
                        sessionUser = rs.getString(2);
                        login = rs.getString(3) == null || rs.getString(3).equals(sessionUser);
                    }
                    default -> role = rs.getString(2);
                }
            }
        }
        return new SessionBaseline(settings, sessionUser, login, role);
    }

    /** This baseline with {@code wanted} (name, value pairs) set as well. */
    SessionBaseline with(List<String[]> wanted) {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        wanted.forEach(w -> merged.put(w[0], w[1]));
        return new SessionBaseline(merged, sessionUser, sessionUserIsLogin, role);
    }

    /** One query that sets {@code wanted} (name, value pairs) on the session; null when there is nothing to set. */
    static @Nullable String setSql(List<String[]> wanted) {
        Map<String, String> settings = new LinkedHashMap<>();
        wanted.forEach(w -> settings.put(w[0], w[1]));
        return settings.isEmpty() ? null : "select " + String.join(", ", setConfigs(settings));
    }

    /**
     * The statements that put a session back to this baseline, in order, to be run one at a time:
     * session user (which resets the role too), the role when the baseline has one, every setting
     * back to its default, then this baseline's settings again.
     * They run inside a transaction as well as outside one.
     */
    List<String> resetStatements() {
        List<String> sql = roleAndDefaults();
        if (!settings.isEmpty()) {
            sql.add("select " + String.join(", ", setConfigs(settings)));
        }
        return List.copyOf(sql);
    }

    /**
     * {@link #resetStatements()} in a form that can be sent in a JDBC batch, where no statement may
     * return rows: the settings are set by an insert of no row into {@code table} (which the session's
     * role can write), whose condition calls {@code set_config} for each. A {@code DO} block would do
     * the same, but the server compiles it anew for every migration.
     */
    List<String> resetStatementsForBatch(String table) {
        if (forBatch == null || !table.equals(forBatchTable)) {
            List<String> sql = new ArrayList<>(defaultsForBatch());
            String condition = settingsCondition();
            if (condition != null) {
                sql.add("insert into " + table + " select where not " + condition);
            }
            forBatch = List.copyOf(sql);
            forBatchTable = table;
        }
        return forBatch;
    }

    /**
     * The first part of {@link #resetStatementsForBatch}: session user, role, every setting back to its
     * default. A statement that writes a row then evaluates {@link #settingsCondition()} to set this
     * baseline's settings again.
     */
    List<String> defaultsForBatch() {
        if (defaults == null) {
            defaults = List.copyOf(roleAndDefaults());
        }
        return defaults;
    }

    /**
     * A condition, always true, whose evaluation sets this baseline's settings on the session; null when
     * the baseline has none. A statement that evaluates it once (the history row's insert) restores the
     * settings as it does its own work, one statement fewer per migration than a statement of its own.
     */
    @Nullable String settingsCondition() {
        if (settingsCondition == null && !settings.isEmpty()) {
            settingsCondition = "(" + String.join(" || ", setConfigs(settings)) + ") is not null";
        }
        return settingsCondition;
    }

    private List<String> roleAndDefaults() {
        List<String> sql = new ArrayList<>();
        sql.add(sessionUserIsLogin || sessionUser == null ? "reset session authorization" : "set session authorization " + identifier(sessionUser));
        // Setting or resetting the session authorization also resets the role, as RESET ROLE would: only a role set since needs setting.
        if (!"none".equals(role)) {
            sql.add("set role " + identifier(role));
        }
        sql.add("reset all");
        return sql;
    }

    private static List<String> setConfigs(Map<String, String> settings) {
        List<String> calls = new ArrayList<>();
        settings.forEach((name, value) -> calls.add("set_config(" + literal(name) + ", " + literal(value) + ", false)"));
        return calls;
    }

    /** An escape-string literal, read the same whatever {@code standard_conforming_strings} is. */
    private static String literal(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
