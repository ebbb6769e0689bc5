package io.modulemigrations.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Where a contender migrates to and what: a database, reached through a started connection pool
 * (as an application hands its pool to the migration tool), and a workload with its jar, reached
 * through an open class loader (as an application's start reads its own jar). Closing it closes both.
 *
 * @param url         JDBC URL of the database
 * @param user        database user
 * @param password    the user's password
 * @param files       the workload's jar; null for a target only the raw floor migrates (its SQL is in memory)
 * @param dataSource  the pool every contender uses: HikariCP, at most 5 connections, at least 1 idle
 * @param classLoader over {@code files}' jar, the harness's class loader its parent; null when {@code files} is
 */
record Target(String url, String user, String password, Workload workload, WorkloadFiles files, HikariDataSource dataSource,
              URLClassLoader classLoader) implements AutoCloseable {

    /**
     * Opens the workload's jar on a class loader, then starts a pool for the database; the pool
     * opens its first connection before returning.
     */
    static Target open(String url, String user, String password, Workload workload, WorkloadFiles files) {
        return open(url, user, password, workload, files, files == null ? null : classLoader(files));
    }

    /** Starts a pool for the database (it opens its first connection before returning); the target owns {@code classLoader}. */
    static Target open(String url, String user, String password, Workload workload, WorkloadFiles files, URLClassLoader classLoader) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            closeQuietly(classLoader, e);
            throw e;
        }
        return new Target(url, user, password, workload, files, dataSource, classLoader);
    }

    /**
     * An application's class loader has its jar open by the time the application migrates (its
     * classes came from it), so the jar is opened here, outside what is measured.
     */
    static URLClassLoader classLoader(WorkloadFiles files) {
        URL jar;
        try {
            jar = files.jar().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Cannot make a URL of " + files.jar(), e);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar}, Target.class.getClassLoader());
        if (loader.findResource("META-INF/MANIFEST.MF") == null) {
            throw new IllegalStateException("The workload jar " + files.jar() + " has no manifest: was it written by WorkloadFiles?");
        }
        return loader;
    }

    private static void closeQuietly(URLClassLoader classLoader, RuntimeException failure) {
        if (classLoader != null) {
            try {
                classLoader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (classLoader != null) {
                classLoader.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the class loader over " + files.jar(), e);
        } finally {
            dataSource.close();
        }
    }
}
