package io.modulemigrations.autoconfigure.generate;

import io.modulemigrations.MigrationException;
import io.modulemigrations.setup.DatabaseCreator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A scratch database for {@code db:generate} and {@code db:verify}: either a temporary
 * {@code mm_shadow_<random>} database created through the server's maintenance database and
 * dropped on {@link #close()} (or, when the JVM is stopped first, by a shutdown hook), or the
 * database {@code module-migrations.generate.shadow-url} names, emptied on every {@link #reset()}.
 * Never the application's database.
 */
public final class ShadowDatabase implements AutoCloseable {

    /** Prefix of temporary shadow database names. */
    public static final String PREFIX = "mm_shadow_";

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String url;
    private final String user;
    private final String password;
    private final String name;
    private final boolean temporary;
    private final Thread dropOnExit;

    private ShadowDatabase(String url, String user, String password, String name, boolean temporary) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
        this.temporary = temporary;
        this.dropOnExit = temporary ? new Thread(this::dropQuietly, "drop " + name) : null;
    }

    /**
     * Opens a shadow database for the application whose migrations connect with {@code url}.
     *
     * @param url       the JDBC URL migrations use: its server hosts the temporary database
     * @param shadowUrl {@code module-migrations.generate.shadow-url}, or null to create a temporary database
     * @throws MigrationException the temporary database could not be created, or {@code shadowUrl} is the application's database
     */
    public static ShadowDatabase open(String url, String user, String password, String shadowUrl) {
        if (shadowUrl != null) {
            if (sameDatabase(shadowUrl, url)) {
                throw new MigrationException("module-migrations.generate.shadow-url points at the application's database ("
                        + shadowUrl + "); everything in a shadow database is dropped, so nothing was done. Next: point it at"
                        + " an empty scratch database, or remove it to let a temporary database be created.");
            }
            return new ShadowDatabase(shadowUrl, user, password, DatabaseCreator.databaseOf(shadowUrl), false).emptied();
        }
        String name = PREFIX + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        ShadowDatabase shadow = new ShadowDatabase(DatabaseCreator.withDatabase(url, name), user, password, name, true);
        Runtime.getRuntime().addShutdownHook(shadow.dropOnExit);
        try {
            shadow.create();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(shadow.dropOnExit);
            throw e;
        }
        return shadow;
    }

    /** The database's name. */
    public String name() {
        return this.name;
    }

    /** Its JDBC URL. */
    public String jdbcUrl() {
        return this.url;
    }

    /** Whether it was created for this use (and is dropped on close), rather than configured. */
    public boolean temporary() {
        return this.temporary;
    }

    /** A new unpooled DataSource for it. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(this.url);
        dataSource.setUser(this.user);
        dataSource.setPassword(this.password);
        dataSource.setApplicationName("module-migrations-shadow");
        return dataSource;
    }

    /**
     * Empties it: a temporary database is dropped and created again; a configured one loses every
     * schema but the system ones, and gets an empty {@code public} schema.
     */
    public void reset() {
        if (this.temporary) {
            drop();
            create();
        } else {
            emptied();
        }
    }

    /** Drops a temporary database (ending its sessions); leaves a configured one as it is. */
    @Override
    public void close() {
        if (!this.temporary) {
            return;
        }
        drop();
        try {
            Runtime.getRuntime().removeShutdownHook(this.dropOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook finds the database gone
        }
    }

    private void create() {
        try {
            if (DatabaseCreator.create(this.url, this.user, this.password, this.name) != DatabaseCreator.Outcome.CREATED) {
                throw new MigrationException("A database named " + this.name + " already exists; it was left as it is. Run the command again.");
            }
        } catch (SQLException e) {
            String why = INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())
                    ? "user " + this.user + " may not create databases"
                    : e.getMessage();
            throw new MigrationException("Could not create the shadow database " + this.name + ": " + why + ". Nothing was changed."
                    + " Next: grant CREATEDB to " + this.user + ", or set module-migrations.generate.shadow-url to an empty"
                    + " scratch database (everything in it is dropped on each use).", e);
        }
    }

    private void drop() {
        try {
            DatabaseCreator.drop(this.url, this.user, this.password, this.name);
        } catch (SQLException e) {
            throw new MigrationException("Could not drop the shadow database " + this.name + ": " + e.getMessage()
                    + ". Next: drop it yourself: drop database " + this.name + " with (force)", e);
        }
    }

    private void dropQuietly() {
        try {
            DatabaseCreator.drop(this.url, this.user, this.password, this.name);
        } catch (SQLException e) {
            System.err.println("Could not drop the shadow database " + this.name + ": " + e.getMessage()
                    + ". Drop it yourself: drop database " + this.name + " with (force)");
        }
    }

    private ShadowDatabase emptied() {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select nspname from pg_namespace where nspname not like 'pg\\_%'"
                    + " and nspname <> 'information_schema' order by 1")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            for (String schema : schemas) {
                st.execute("drop schema \"" + schema.replace("\"", "\"\"") + "\" cascade");
            }
            st.execute("create schema public");
        } catch (SQLException e) {
            throw new MigrationException("Could not empty the shadow database " + this.url + ": " + e.getMessage()
                    + ". Next: check module-migrations.generate.shadow-url and that its user owns the schemas in it.", e);
        }
        return this;
    }

    private static boolean sameDatabase(String shadowUrl, String url) {
        try {
            return server(shadowUrl).equals(server(url)) && DatabaseCreator.databaseOf(shadowUrl).equals(DatabaseCreator.databaseOf(url));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String server(String url) {
        String withoutDatabase = DatabaseCreator.withDatabase(url, "");
        int query = withoutDatabase.indexOf('?');
        return query < 0 ? withoutDatabase : withoutDatabase.substring(0, query);
    }
}
