package io.modulemigrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
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
    private final Supplier<String> applicationName;
    private @Nullable String resolvedApplicationName;
    private final Map<Connection, SessionBaseline> baselines = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param lockTimeout      {@code lock_timeout} for migration sessions, or null to leave it
     * @param statementTimeout {@code statement_timeout} for migration sessions, or null to leave it
     * @param applicationName  {@code application_name} for migration sessions, so another instance waiting for the
     *                         lock (or a DBA) sees who holds it; asked for when the first session is prepared
     */
    Database(DataSource dataSource, Duration connectTimeout, @Nullable Duration lockTimeout, @Nullable Duration statementTimeout,
             Supplier<String> applicationName) {
        this.dataSource = dataSource;
        this.connectTimeout = connectTimeout;
        if (lockTimeout != null) {
            settings.add(new String[] {"lock_timeout", lockTimeout.toMillis() + "ms"});
        }
        if (statementTimeout != null) {
            settings.add(new String[] {"statement_timeout", statementTimeout.toMillis() + "ms"});
        }
        this.applicationName = applicationName;
    }

    /** A connection within the connect timeout, or a message that says why there is none. */
    Connection open() {
        // A plain Future (not CompletableFuture): its classes are loaded already, which a fresh JVM's first start feels.
        Future<Connection> connecting = CONNECTOR.submit((Callable<Connection>) dataSource::getConnection);
        try {
            return connecting.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeWhenConnected(connecting);
            throw new DatabaseUnavailableException("Could not connect to the database: no connection within the connect timeout of "
                    + connectTimeout.toMillis() + " ms. Nothing was changed. Next: check that PostgreSQL is running and reachable"
                    + " at the configured URL (host, port, firewall), or raise the connect timeout if it is slow to answer.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            SQLException missing = DatabaseUnavailableException.missingDatabase(cause);
            if (missing != null) {
                throw new DatabaseUnavailableException("Could not connect to the database: " + missing.getMessage()
                        + ". Nothing was changed. Next: create it with db:create (java -jar app.jar db:create), or run db:setup to"
                        + " create it, migrate, sync links and run scripts; or correct the database name in the URL.", cause);
            }
            String why = String.valueOf(cause.getMessage()).replaceAll("\\.+$", "");
            throw new DatabaseUnavailableException("Could not connect to the database: " + why
                    + ". Nothing was changed. Next: check the URL, user and password, and that PostgreSQL is running.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeWhenConnected(connecting);
            throw new DatabaseUnavailableException("Interrupted while connecting to the database; nothing was changed.", e);
        }
    }

    /** A connection that arrives after its caller gave up is closed, not leaked. */
    private static void closeWhenConnected(Future<Connection> connecting) {
        CONNECTOR.execute(() -> {
            try {
                closeQuietly(connecting.get());
            } catch (ExecutionException e) {
                // no connection came: nothing to close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Prepares a connection for migration work: autocommit on, and the session settings. Returns
     * what to run to put the session back as it was. From here until the restore runs,
     * {@link #resetStatements} gives the statements that bring the session back to these settings
     * after a migration, whatever the migration set.
     */
    SessionRestore prepare(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        List<String[]> wanted = new ArrayList<>(settings);
        wanted.add(new String[] {"application_name", applicationName()});
        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
            // If this process dies mid-statement, the server notices within a second and ends the
            // session, so its lock and transaction go at once instead of when the statement ends.
            wanted.add(new String[] {"client_connection_check_interval", "1000"});
        }
        SessionBaseline found = SessionBaseline.read(connection);
        SessionBaseline engine = found.with(wanted);
        String set = SessionBaseline.setSql(wanted);
        if (set != null) {
            try (Statement st = connection.createStatement()) {
                st.execute(set);
            }
        }
        baselines.put(connection, engine);
        return new SessionRestore(this, connection, autoCommit, found);
    }

    private synchronized String applicationName() {
        if (resolvedApplicationName == null) {
            String name = applicationName.get();
            resolvedApplicationName = name == null || name.isBlank() ? FluentConfiguration.defaultApplicationName() : name;
        }
        return resolvedApplicationName;
    }

    /**
     * The statements that put a {@link #prepare prepared} session back to the engine's settings,
     * undoing whatever a migration set ({@code set}, {@code set_config(…, false)}, {@code set role},
     * {@code set session authorization}); empty for a connection that was not prepared.
     */
    List<String> resetStatements(Connection connection) {
        SessionBaseline baseline = baselines.get(connection);
        return baseline == null ? List.of() : baseline.resetStatements();
    }

    /**
     * {@link #resetStatements} in a form that can end a JDBC batch (no statement returns rows), using
     * {@code table}, which the session's role writes anyway (the history), to carry the settings.
     */
    List<String> resetStatementsForBatch(Connection connection, String table) {
        SessionBaseline baseline = baselines.get(connection);
        return baseline == null ? List.of() : baseline.resetStatementsForBatch(table);
    }

    /**
     * {@link #resetStatementsForBatch} but the settings, for a batch whose next statement writes a row
     * with {@link #settingsCondition} as its condition.
     */
    List<String> defaultsForBatch(Connection connection) {
        SessionBaseline baseline = baselines.get(connection);
        return baseline == null ? List.of() : baseline.defaultsForBatch();
    }

    /** A condition, always true, that sets the engine's settings on the session again when evaluated; null when none is needed. */
    @Nullable String settingsCondition(Connection connection) {
        SessionBaseline baseline = baselines.get(connection);
        return baseline == null ? null : baseline.settingsCondition();
    }

    /** Puts a session back as {@link #prepare} found it: the application's settings, role and search_path. */
    record SessionRestore(Database database, Connection connection, boolean autoCommit, SessionBaseline found) {

        void run() {
            database.baselines.remove(connection);
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (Statement st = connection.createStatement()) {
                    for (String sql : found.resetStatements()) {
                        st.execute(sql);
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
