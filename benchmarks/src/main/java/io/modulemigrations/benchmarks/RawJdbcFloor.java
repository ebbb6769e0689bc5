package io.modulemigrations.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The floor: what migrating costs with nothing but JDBC. One connection; the history is read in
 * one query; each migration's SQL and its history insert go to the server as one multi-statement
 * string (one round trip), then the commit. The SQL is already in memory.
 */
final class RawJdbcFloor implements Contender {

    static final String HISTORY = "raw_history";
    private static final String UNDEFINED_TABLE = "42P01";

    @Override
    public String id() {
        return "raw";
    }

    @Override
    public String label() {
        return "raw JDBC floor";
    }

    @Override
    public boolean canRollback() {
        return true;
    }

    @Override
    public Session open(Target target) {
        DataSource dataSource = target.dataSource();
        Workload workload = target.workload();
        return new Session() {
            @Override
            public void migrate() throws SQLException {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    Set<String> applied = applied(st);
                    for (SqlStep step : workload.steps()) {
                        if (!applied.contains(step.module() + "/" + step.name())) {
                            if (c.getAutoCommit()) {
                                c.setAutoCommit(false);
                            }
                            st.execute(join(step.up(), "insert into " + HISTORY + " (module, name) values ('"
                                    + step.module() + "', '" + step.name() + "')"));
                            c.commit();
                        }
                    }
                }
            }

            @Override
            public void rollback(String module, int count) throws SQLException {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    Set<String> applied = applied(st);
                    List<SqlStep> undo = new ArrayList<>(workload.byModule().get(module));
                    Collections.reverse(undo);
                    c.setAutoCommit(false);
                    int undone = 0;
                    for (SqlStep step : undo) {
                        if (undone < count && applied.contains(step.module() + "/" + step.name())) {
                            st.execute(join(step.down(), "delete from " + HISTORY + " where module = '" + step.module()
                                    + "' and name = '" + step.name() + "'"));
                            c.commit();
                            undone++;
                        }
                    }
                }
            }
        };
    }

    private static Set<String> applied(Statement st) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (ResultSet rs = st.executeQuery("select module, name from " + HISTORY)) {
            while (rs.next()) {
                applied.add(rs.getString(1) + "/" + rs.getString(2));
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            st.execute("create table " + HISTORY + " (module text not null, name text not null,"
                    + " applied_at timestamptz not null default now(), primary key (module, name))");
        }
        return applied;
    }

    private static String join(String sql, String history) {
        return sql.isBlank() ? history : sql + "\n;\n" + history;
    }
}
