package io.modulemigrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modulemigrations.test.PostgresTest;
import io.modulemigrations.test.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Liquibase took minutes before even locking; here an up-to-date start is one query and no lock. */
@PostgresTest
class FastPathTest {

    @Test
    void withEverythingAppliedMigrateReadsTheHistoryOnceAndTakesNoLock(TestDatabase db) {
        List<String> statements = new CopyOnWriteArrayList<>();
        DataSource counting = counting(db.dataSource(), statements);
        FluentConfiguration config = ModuleMigrations.configure().dataSource(counting).locations();
        for (int i = 1; i <= 30; i++) {
            config.sqlMigration("m" + (i % 3), String.format("Migration2025010100%02d", i),
                    "-- migrate:up\ncreate table t" + i + " (id int);\n-- migrate:down\ndrop table t" + i + ";\n");
        }
        ModuleMigrations migrations = config.load();
        assertThat(migrations.migrate().applied()).hasSize(30);
        assertThat(statements).anyMatch(s -> s.contains("pg_try_advisory_lock"));

        statements.clear();
        MigrateResult result = migrations.migrate();

        assertThat(result.nothingToDo()).isTrue();
        assertThat(result.lockTaken()).isFalse();
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0)).startsWith("select module, name, batch, checksum").contains("module_migrations");
    }

    /** A DataSource that records the SQL of every statement executed through it. */
    static DataSource counting(DataSource target, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(FastPathTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? wrap(Connection.class, c, statements, null) : result;
                });
    }

    private static <T> T wrap(Class<T> type, T target, List<String> statements, String preparedSql) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute") && target instanceof Statement) {
                if (name.equals("executeBatch")) {
                    statements.add("<batch>");
                } else {
                    statements.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
                }
            }
            Object result = invoke(target, method, args);
            if (result instanceof java.sql.PreparedStatement ps && name.equals("prepareStatement")) {
                return wrap(java.sql.PreparedStatement.class, ps, statements, (String) args[0]);
            }
            if (result instanceof Statement st && name.equals("createStatement")) {
                return wrap(Statement.class, st, statements, null);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(FastPathTest.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
