package io.modulemigrations.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Where a contender migrates to and what: a database, reached through a started connection pool
 * (as an application hands its pool to the migration tool), and a workload with its files.
 * Closing it closes the pool.
 *
 * @param url        JDBC URL of the database
 * @param user       database user
 * @param password   the user's password
 * @param dataSource the pool every contender uses: HikariCP, at most 5 connections, at least 1 idle
 */
record Target(String url, String user, String password, Workload workload, WorkloadFiles files, HikariDataSource dataSource)
        implements AutoCloseable {

    /** Starts a pool for the database; it opens its first connection before returning. */
    static Target open(String url, String user, String password, Workload workload, WorkloadFiles files) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(1);
        return new Target(url, user, password, workload, files, new HikariDataSource(config));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
