package io.modulemigrations;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A real DataSource whose statements count their JDBC batches: each {@code executeBatch} is one round trip. */
final class BatchCounting {

    private BatchCounting() {
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
        return (T) Proxy.newProxyInstance(BatchCounting.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
