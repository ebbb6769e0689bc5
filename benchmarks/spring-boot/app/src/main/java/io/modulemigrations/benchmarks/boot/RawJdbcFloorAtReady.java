package io.modulemigrations.benchmarks.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * The raw JDBC floor as an application runs it: when the application is ready (first among the
 * ready listeners, where Module Migrations with {@code run-on=ready} migrates), it reads
 * {@value #INDEX} and applies every listed migration not yet in {@value #HISTORY} as the harness's
 * floor does: one connection, the history read in one query, per migration its up SQL and its
 * history insert as one multi-statement string, then the commit. No checks, no locking, no
 * session reset: the least a hand-written start can do.
 */
final class RawJdbcFloorAtReady implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    /** The list of migrations, one {@code <module>/<name>} per line, in the order to apply them. */
    static final String INDEX = "db/raw/migrations.txt";
    /** The history table; the harness's schema check leaves it out. */
    static final String HISTORY = "raw_history";

    private final DataSource dataSource;

    RawJdbcFloorAtReady(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ClassLoader loader = event.getSpringApplication().getClassLoader();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            Set<String> applied = applied(st);
            for (String migration : text(loader, INDEX).lines().toList()) {
                if (applied.contains(migration)) {
                    continue;
                }
                // the file is the up SQL and a newline, as a build writes it; the floor in the harness sends the SQL alone
                String up = text(loader, "db/raw/" + migration + ".sql").stripTrailing();
                int slash = migration.indexOf('/');
                String insert = "insert into " + HISTORY + " (module, name) values ('" + migration.substring(0, slash) + "', '"
                        + migration.substring(slash + 1) + "')";
                c.setAutoCommit(false);
                st.execute(up.isBlank() ? insert : up + "\n;\n" + insert);
                c.commit();
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("The raw JDBC floor failed: " + e.getMessage(), e);
        }
    }

    private static Set<String> applied(Statement st) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (ResultSet rs = st.executeQuery("select module, name from " + HISTORY)) {
            while (rs.next()) {
                applied.add(rs.getString(1) + "/" + rs.getString(2));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
            st.execute("create table " + HISTORY + " (module text not null, name text not null,"
                    + " applied_at timestamptz not null default now(), primary key (module, name))");
        }
        return applied;
    }

    /** The resource's whole text, read in one go as an application reads its own SQL. */
    private static String text(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The raw JDBC floor found no " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
