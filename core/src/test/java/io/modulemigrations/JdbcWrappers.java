package io.modulemigrations;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Real DataSources wrapped to count round trips (each {@code executeBatch} is one) or to fail where a test needs. */
final class JdbcWrappers {

    private JdbcWrappers() {
    }

    /** {@code ds} whose statements count {@code executeBatch} calls into {@code batches}. */
    static DataSource counting(DataSource ds, AtomicInteger batches) {
        return counting(ds, batches, null);
    }

    /**
     * {@code ds} whose statements count {@code executeBatch} calls into {@code batches}; with {@code lost},
     * each batch runs and then reports {@code lost}, as a connection failing before the results arrive.
     */
    static DataSource counting(DataSource ds, AtomicInteger batches, SQLException lost) {
        return proxy(DataSource.class, ds, (target, method, args) -> {
            Object value = method.invoke(target, args);
            return value instanceof Connection c ? proxy(Connection.class, c, (ct, cm, ca) -> {
                Object v = cm.invoke(ct, ca);
                return v instanceof Statement s && cm.getName().equals("createStatement") ? proxy(Statement.class, s, (st, sm, sa) -> {
                    Object r = sm.invoke(st, sa);
                    if (sm.getName().equals("executeBatch")) {
                        batches.incrementAndGet();
                        if (lost != null) {
                            throw lost;
                        }
                    }
                    return r;
                }) : v;
            }) : value;
        });
    }

    /**
     * {@code ds} whose connections, once, fail to create the statement asked for right after autocommit is
     * switched on, with {@code failure}: a connection lost before anything of what follows was sent.
     */
    static DataSource failingAfterAutoCommit(DataSource ds, SQLException failure) {
        AtomicBoolean failed = new AtomicBoolean();
        return proxy(DataSource.class, ds, (target, method, args) -> {
            Object value = method.invoke(target, args);
            if (!(value instanceof Connection c)) {
                return value;
            }
            AtomicBoolean armed = new AtomicBoolean();
            return proxy(Connection.class, c, (ct, cm, ca) -> {
                if (cm.getName().equals("createStatement") && armed.getAndSet(false) && !failed.getAndSet(true)) {
                    throw failure;
                }
                armed.set(cm.getName().equals("setAutoCommit") && Boolean.TRUE.equals(ca[0]));
                return cm.invoke(ct, ca);
            });
        });
    }

    private interface Call {
        Object invoke(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(JdbcWrappers.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
