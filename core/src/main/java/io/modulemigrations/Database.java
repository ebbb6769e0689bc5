package io.modulemigrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Connections for runs: opened within the connect timeout, with the session settings migrations want. */
final class Database {

    private static final ExecutorService CONNECTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "module-migrations-connect");
        t.setDaemon(true);
        return t;
    });

    private final DataSource dataSource;
    private final Duration connectTimeout;
    private final List<String[]> settings = new ArrayList<>();

    /**
     * @param lockTimeout      {@code lock_timeout} for migration sessions, or null to leave it
     * @param statementTimeout {@code statement_timeout} for migration sessions, or null to leave it
     * @param applicationName  {@code application_name} for migration sessions, so another instance waiting for the
     *                         lock (or a DBA) sees who holds it
     */
    Database(DataSource dataSource, Duration connectTimeout, @Nullable Duration lockTimeout, @Nullable Duration statementTimeout,
             String applicationName) {
        this.dataSource = dataSource;
        this.connectTimeout = connectTimeout;
        if (lockTimeout != null) {
            settings.add(new String[] {"lock_timeout", lockTimeout.toMillis() + "ms"});
        }
        if (statementTimeout != null) {
            settings.add(new String[] {"statement_timeout", statementTimeout.toMillis() + "ms"});
        }
        settings.add(new String[] {"application_name", applicationName.replace("'", "''")});
    }

    /** A connection within the connect timeout, or a message that says why there is none. */
    Connection open() {
        CompletableFuture<Connection> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, CONNECTOR);
        try {
            return connecting.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connecting.thenAccept(Database::closeQuietly);
            throw new DatabaseUnavailableException("Could not connect to the database: no connection within the connect timeout of "
                    + connectTimeout.toMillis() + " ms. Nothing was changed. Next: check that PostgreSQL is running and reachable"
                    + " at the configured URL (host, port, firewall), or raise the connect timeout if it is slow to answer.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
            SQLException missing = DatabaseUnavailableException.missingDatabase(cause);
            if (missing != null) {
                throw new DatabaseUnavailableException("Could not connect to the database: " + missing.getMessage()
                        + ". Nothing was changed. Next: create it with db:create (java -jar app.jar db:create), or run db:setup to"
                        + " create it, migrate, sync links and run scripts; or correct the database name in the URL.", cause);
            }
            throw new DatabaseUnavailableException("Could not connect to the database: " + cause.getMessage()
                    + ". Nothing was changed. Next: check the URL, user and password, and that PostgreSQL is running.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting.thenAccept(Database::closeQuietly);
            throw new DatabaseUnavailableException("Interrupted while connecting to the database; nothing was changed.", e);
        }
    }

    /**
     * Prepares a connection for migration work: autocommit on, and the session settings. Returns
     * what to run to put the session back as it was.
     */
    SessionRestore prepare(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        List<String[]> wanted = new ArrayList<>(settings);
        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
            // If this process dies mid-statement, the server notices within a second and ends the
            // session, so its lock and transaction go at once instead of when the statement ends.
            wanted.add(new String[] {"client_connection_check_interval", "1000"});
        }
        List<String[]> previous = new ArrayList<>();
        if (!wanted.isEmpty()) {
            StringBuilder sql = new StringBuilder("select ");
            for (int i = 0; i < wanted.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("current_setting('").append(wanted.get(i)[0]).append("')");
            }
            StringBuilder set = new StringBuilder("select ");
            for (int i = 0; i < wanted.size(); i++) {
                set.append(i == 0 ? "" : ", ").append("set_config('").append(wanted.get(i)[0]).append("', '")
                        .append(wanted.get(i)[1]).append("', false)");
            }
            try (Statement st = connection.createStatement()) {
                try (ResultSet rs = st.executeQuery(sql.toString())) {
                    rs.next();
                    for (int i = 0; i < wanted.size(); i++) {
                        previous.add(new String[] {wanted.get(i)[0], rs.getString(i + 1)});
                    }
                }
                st.execute(set.toString());
            }
        }
        return new SessionRestore(connection, autoCommit, previous);
    }

    /** Puts a session back as {@link #prepare} found it. */
    record SessionRestore(Connection connection, boolean autoCommit, List<String[]> settings) {

        void run() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                if (!settings.isEmpty()) {
                    StringBuilder set = new StringBuilder("select ");
                    for (int i = 0; i < settings.size(); i++) {
                        set.append(i == 0 ? "" : ", ").append("set_config('").append(settings.get(i)[0]).append("', '")
                                .append(settings.get(i)[1].replace("'", "''")).append("', false)");
                    }
                    try (Statement st = connection.createStatement()) {
                        st.execute(set.toString());
                    }
                }
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                // The connection is closed right after; a broken one is discarded by its pool.
            }
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to do with it
            }
        }
    }
}
