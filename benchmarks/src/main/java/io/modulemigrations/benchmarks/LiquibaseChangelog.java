package io.modulemigrations.benchmarks;

import java.sql.Connection;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.LiquibaseUtil;

/**
 * Liquibase: one XML changelog holding every migration as a changeset with its rollback SQL, in
 * module order, read from {@code liquibase/changelog.xml} on the target's class loader; each
 * changeset's SQL goes to the driver unsplit. A module's latest batch is
 * the changelog's last {@code count} changesets, which is what {@code rollbackCount} undoes.
 */
final class LiquibaseChangelog implements Contender {

    /** Liquibase logs through java.util.logging; kept referenced so that the level sticks. */
    private static final Logger LOG = Logger.getLogger("liquibase");

    static {
        // No usage data sent from a benchmark, and WARN like every other tool.
        System.setProperty("liquibase.analytics.enabled", "false");
        LOG.setLevel(Level.WARNING);
    }

    /** Sends what Liquibase would print on the console (a line per changeset, a summary) to the log instead. */
    private static final LoggerUIService QUIET = new LoggerUIService();

    @Override
    public String id() {
        return "liquibase";
    }

    @Override
    public String label() {
        return "Liquibase " + LiquibaseUtil.getBuildVersion() + ", one changelog";
    }

    @Override
    public boolean canRollback() {
        return true;
    }

    @Override
    public Session open(Target target) throws Exception {
        Connection connection = target.dataSource().getConnection();
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(target.classLoader());
        Liquibase liquibase = new Liquibase(WorkloadFiles.LIQUIBASE_CHANGELOG, resources, database);
        return new Session() {
            @Override
            public void migrate() throws Exception {
                Scope.child(Scope.Attr.ui, QUIET, () -> liquibase.update());
            }

            @Override
            public void rollback(String module, int count) throws Exception {
                Scope.child(Scope.Attr.ui, QUIET, () -> liquibase.rollback(count, (String) null));
            }

            @Override
            public void close() throws Exception {
                try {
                    liquibase.close();
                } finally {
                    resources.close();
                }
            }
        };
    }
}
