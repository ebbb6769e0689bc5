package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.migration.Migration;
import io.modulemigrations.migration.MigrationContext;
import io.modulemigrations.test.PostgresServer;
import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The engine's sessions show who they are ({@code application_name}), and a connection borrowed from
 * the application's pool goes back with the name it came with.
 */
@PostgresTest
class ApplicationNameTest {

    @Test
    void sessionsAreNamedWhileTheEngineWorksAndGetTheirOwnNameBack(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("application_name");
             Connection pooled = db.dataSource().getConnection()) {
            try (Statement st = pooled.createStatement()) {
                st.execute("set application_name = 'the-apps-pool'");
            }
            AtomicInteger borrowed = new AtomicInteger();
            DataSource onePooledConnection = oneConnectionPool(pooled, borrowed);
            List<String> seenInside = new ArrayList<>();

            ModuleMigrations.configure().dataSource(onePooledConnection).locations()
                    .javaMigration("blog", "Migration202501010001", new Migration() {
                        @Override
                        public void up(MigrationContext m) throws Exception {
                            seenInside.add(applicationName(m.connection()));
                            m.sql("create table author (id int)");
                        }
                    })
                    .load().migrate();

            assertThat(seenInside).containsExactly("module-migrations@" + InetAddress.getLocalHost().getHostName());
            assertThat(borrowed.get()).isPositive();
            assertThat(applicationName(pooled)).isEqualTo("the-apps-pool");
        }
    }

    @Test
    void aNameWithAQuoteIsShownAsGiven(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("application_name_quote")) {
            List<String> seenInside = new ArrayList<>();

            ModuleMigrations.configure().dataSource(db.dataSource()).applicationName("o'reilly-shop@host").locations()
                    .javaMigration("blog", "Migration202501010001", new Migration() {
                        @Override
                        public void up(MigrationContext m) throws Exception {
                            seenInside.add(applicationName(m.connection()));
                        }
                    })
                    .load().migrate();

            assertThat(seenInside).containsExactly("o'reilly-shop@host");
        }
    }

    /** Finding a host's name can take seconds on some machines: a start with nothing to do must not pay for it. */
    @Test
    void theNameIsMadeOnlyWhenASessionIsPreparedToWorkIn(PostgresServer server) throws Exception {
        try (TestDatabase db = server.createDatabase("application_name_lazy")) {
            AtomicInteger made = new AtomicInteger();
            FluentConfiguration config = ModuleMigrations.configure().dataSource(db.dataSource())
                    .applicationName(() -> "made-" + made.incrementAndGet())
                    .sqlMigration("blog", "Migration202501010001", "-- migrate:up\ncreate table post (id int);\n-- migrate:down\ndrop table post;\n");

            config.load().migrate();
            assertThat(made).as("applying opens a session of the engine's").hasValue(1);

            assertThat(config.load().migrate().applied()).isEmpty();
            assertThat(config.load().status().upToDate()).isTrue();
            assertThat(made).as("nothing to do, and status, open none").hasValue(1);
        }
    }

    private static String applicationName(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_setting('application_name')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A pool of one: every borrow gets the same physical connection, and closing it hands it back. */
    private static DataSource oneConnectionPool(Connection physical, AtomicInteger borrowed) {
        Connection handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "isClosed" -> false;
                    default -> method.invoke(physical, args);
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        borrowed.incrementAndGet();
                        return handle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
