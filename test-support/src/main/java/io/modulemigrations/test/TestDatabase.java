package io.modulemigrations.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database created for tests on the {@link PostgresServer}. Closing it drops the database,
 * terminating any connections still open to it.
 */
public final class TestDatabase implements AutoCloseable {

    /** The {@code ApplicationName} of every connection made through this library. */
    static final String APPLICATION_NAME = "module-migrations-test";

    private final PostgresServer server;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * The database name.
     *
     * @return the name, e.g. {@code test_orderrepositorytest_3}
     */
    public String name() {
        return name;
    }

    /**
     * The JDBC URL of this database (without credentials).
     *
     * @return a {@code jdbc:postgresql:} URL
     */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /**
     * The user to connect as.
     *
     * @return the user name, or null for the driver's default
     */
    public @Nullable String user() {
        return server.user();
    }

    /**
     * The password of {@link #user()}.
     *
     * @return the password, or null when none is configured
     */
    public @Nullable String password() {
        return server.password();
    }

    /**
     * Returns a new, independent, non-pooled data source for this database on every call, so a
     * test can give separate components their own data sources. Each {@code getConnection()}
     * opens a new physical connection that the caller must close.
     *
     * @return a new data source
     */
    public DataSource dataSource() {
        return dataSource(jdbcUrl(), user(), password());
    }

    /**
     * Opens a new connection to this database; the caller closes it.
     *
     * @return a new connection
     * @throws SQLException if the connection fails
     */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Drops the database ({@code DROP DATABASE ... WITH (FORCE)}). Later calls do nothing.
     *
     * @throws IllegalStateException if the database cannot be dropped
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.dropDatabase(name);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop database " + name + " on " + server, e);
            }
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " on " + server.source() + "]";
    }

    static DataSource dataSource(String url, @Nullable String user, @Nullable String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setApplicationName(APPLICATION_NAME);
        return dataSource;
    }
}
