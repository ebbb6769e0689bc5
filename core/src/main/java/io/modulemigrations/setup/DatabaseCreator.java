package io.modulemigrations.setup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code db:create}: creates the application's database by connecting to the server's
 * maintenance database ({@code postgres}, else {@code template1}). A database that already
 * exists is not an error.
 */
public final class DatabaseCreator {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static final String DUPLICATE_DATABASE = "42P04";

    /** What {@link #create} did. */
    public enum Outcome {
        CREATED, ALREADY_EXISTS
    }

    private DatabaseCreator() {
    }

    /** The database a {@code jdbc:postgresql://host[:port]/name[?params]} URL names. */
    public static String databaseOf(String jdbcUrl) {
        Matcher m = matcher(jdbcUrl);
        String db = m.group(2);
        if (db == null || db.isEmpty()) {
            throw new IllegalArgumentException("The URL " + jdbcUrl + " names no database; give one with --db NAME");
        }
        return db;
    }

    /** The same URL pointing at another database on the same server. */
    public static String withDatabase(String jdbcUrl, String database) {
        Matcher m = matcher(jdbcUrl);
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * Creates {@code database} on the server {@code jdbcUrl} points at.
     *
     * @param database the name to create, or null for the database in the URL
     */
    public static Outcome create(String jdbcUrl, @Nullable String user, @Nullable String password, @Nullable String database) throws SQLException {
        String name = database != null ? database : databaseOf(jdbcUrl);
        try (Connection c = maintenanceConnection(jdbcUrl, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Outcome.ALREADY_EXISTS;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
                return Outcome.CREATED;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return Outcome.ALREADY_EXISTS;
                }
                throw e;
            }
        }
    }

    /**
     * Drops {@code database} on the server {@code jdbcUrl} points at, ending its sessions
     * ({@code with (force)}, PostgreSQL 13 or later). A database that does not exist is not an error.
     */
    public static void drop(String jdbcUrl, @Nullable String user, @Nullable String password, String database) throws SQLException {
        try (Connection c = maintenanceConnection(jdbcUrl, user, password); Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + database.replace("\"", "\"\"") + "\" with (force)");
        }
    }

    private static Connection maintenanceConnection(String jdbcUrl, @Nullable String user, @Nullable String password) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(withDatabase(jdbcUrl, "postgres"), props);
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw e;
            }
            return DriverManager.getConnection(withDatabase(jdbcUrl, "template1"), props);
        }
    }

    private static Matcher matcher(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl + "; expected jdbc:postgresql://host[:port]/database");
        }
        return m;
    }
}
