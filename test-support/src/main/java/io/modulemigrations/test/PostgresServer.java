package io.modulemigrations.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server shared by all tests of one JVM.
 *
 * <p>{@link #shared()} starts it on first use and a JVM shutdown hook stops it. The server is
 * chosen in this order:
 * <ol>
 *   <li>{@code environment}: the JDBC URL in the environment variable
 *       {@value #JDBC_URL_VARIABLE} (credentials from {@value #USER_VARIABLE} and
 *       {@value #PASSWORD_VARIABLE}); the URL's database is the maintenance database used to
 *       create and drop test databases;</li>
 *   <li>{@code testcontainers}: a {@code postgres:18} container, if a Docker engine answers;</li>
 *   <li>{@code embedded}: an embedded PostgreSQL 18 started from the zonky binaries.</li>
 * </ol>
 * One line on {@code System.err} says which server was chosen and why.
 *
 * <p>Test databases need PostgreSQL 13 or later (they are dropped {@code WITH (FORCE)}).
 */
public final class PostgresServer {

    /** Environment variable with the JDBC URL of an existing server to use. */
    public static final String JDBC_URL_VARIABLE = "MODULE_MIGRATIONS_TEST_JDBC_URL";
    /** Environment variable with the user for {@value #JDBC_URL_VARIABLE}. */
    public static final String USER_VARIABLE = "MODULE_MIGRATIONS_TEST_USER";
    /** Environment variable with the password for {@value #JDBC_URL_VARIABLE}. */
    public static final String PASSWORD_VARIABLE = "MODULE_MIGRATIONS_TEST_PASSWORD";

    static final int MAX_IDENTIFIER_LENGTH = 63;
    private static final String DUPLICATE_DATABASE = "42P04";

    private static final Object LOCK = new Object();
    private static volatile @Nullable PostgresServer shared;
    private static @Nullable RuntimeException startFailure;

    private final String source;
    private final Function<String, String> urlForDatabase;
    private final String maintenanceDatabase;
    private final @Nullable String user;
    private final @Nullable String password;
    private final AtomicInteger counter = new AtomicInteger();

    PostgresServer(String source, Function<String, String> urlForDatabase, String maintenanceDatabase,
            @Nullable String user, @Nullable String password) {
        this.source = source;
        this.urlForDatabase = urlForDatabase;
        this.maintenanceDatabase = maintenanceDatabase;
        this.user = user;
        this.password = password;
    }

    /**
     * Returns the server of this JVM, starting it on the first call.
     *
     * @return the shared server
     * @throws IllegalStateException if no server could be started (later calls fail the same way)
     */
    public static PostgresServer shared() {
        PostgresServer server = shared;
        if (server != null) {
            return server;
        }
        synchronized (LOCK) {
            if (shared == null) {
                if (startFailure != null) {
                    throw startFailure;
                }
                try {
                    shared = ServerLauncher.launch();
                } catch (RuntimeException e) {
                    startFailure = e;
                    throw e;
                }
            }
            return shared;
        }
    }

    /**
     * Where the server comes from.
     *
     * @return {@code "environment"}, {@code "testcontainers"} or {@code "embedded"}
     */
    public String source() {
        return source;
    }

    /**
     * Creates a fresh, empty database named {@code test_<hint>_<n>}. The caller owns it and drops
     * it by closing it.
     *
     * @param hint a readable part of the name, e.g. the test class name; it is lower-cased,
     *     stripped of characters other than letters, digits and {@code _}, and shortened so the
     *     name fits PostgreSQL's 63 characters
     * @return the new database
     * @throws IllegalStateException if the database cannot be created
     */
    public TestDatabase createDatabase(String hint) {
        String cleanHint = sanitize(hint);
        SQLException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            String name = databaseName(cleanHint, counter.incrementAndGet());
            try {
                execute("create database " + quote(name));
                return new TestDatabase(this, name);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw new IllegalStateException("Could not create database " + name + " on " + this, e);
                }
                last = e; // another JVM sharing the server took this name
            }
        }
        throw new IllegalStateException("Could not find a free database name for test_" + cleanHint + "_* on " + this, last);
    }

    /**
     * The JDBC URL of a database on this server (without credentials).
     *
     * @param database the database name
     * @return a {@code jdbc:postgresql:} URL
     */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return urlForDatabase.apply(URLEncoder.encode(database, StandardCharsets.UTF_8));
    }

    /**
     * The user that owns the test databases.
     *
     * @return the user name, or null when {@value #JDBC_URL_VARIABLE} names none (the driver's default applies)
     */
    public @Nullable String user() {
        return user;
    }

    /**
     * The password of {@link #user()}; the embedded server trusts local connections and accepts any.
     *
     * @return the password, or null when none is configured
     */
    public @Nullable String password() {
        return password;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + source + ", " + jdbcUrl(maintenanceDatabase) + "]";
    }

    String maintenanceDatabase() {
        return maintenanceDatabase;
    }

    void dropDatabase(String name) throws SQLException {
        execute("drop database if exists " + quote(name) + " with (force)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.dataSource(jdbcUrl(maintenanceDatabase), user, password)
                .getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String sanitize(@Nullable String hint) {
        String cleaned = (hint == null ? "" : hint).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        return cleaned.isEmpty() ? "db" : cleaned;
    }

    static String databaseName(String cleanHint, int number) {
        String suffix = "_" + number;
        int room = MAX_IDENTIFIER_LENGTH - "test_".length() - suffix.length();
        String hint = cleanHint.length() > room ? cleanHint.substring(0, room).replaceAll("_+$", "") : cleanHint;
        return "test_" + hint + suffix;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
