package dev.quarry.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool that runs everything on a real pool and records each prepared statement with its parameters, whichever way
 * the caller reaches a connection ({@code withTransaction}, {@code getConnection}, the pool itself): the default
 * methods run on this proxy, so their connections come from {@link #getConnection()} and are recorded too.
 */
final class RecordingPool {

    /** A statement as Quarry sent it. */
    record Sent(String text, List<Object> params) {}

    private final List<Sent> sent = new ArrayList<>();
    private final Pool pool;

    RecordingPool(Pool real) {
        this.pool = proxy(Pool.class, real);
    }

    Pool pool() {
        return pool;
    }

    synchronized List<Sent> drain() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    private synchronized void record(String text, Tuple params) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            values.add(params.getValue(i));
        }
        sent.add(new Sent(text, values));
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(self, method, args);
            }
            if (method.getName().equals("getConnection")
                    && args != null
                    && args.length == 1
                    && args[0] instanceof Handler<?> h) {
                Handler<AsyncResult<SqlConnection>> callback = (Handler<AsyncResult<SqlConnection>>) h;
                ((Pool) real).getConnection(ar -> callback.handle(ar.map(c -> proxy(SqlConnection.class, c))));
                return null;
            }
            return wrap(method, args, forward(real, method, args));
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object wrap(Method method, Object[] args, Object result) {
        String name = method.getName();
        if (name.equals("getConnection") && result instanceof Future<?> future) {
            return ((Future<SqlConnection>) future).map(c -> proxy(SqlConnection.class, c));
        }
        if (name.equals("preparedQuery") && result instanceof PreparedQuery<?> query) {
            return new Recorded((String) args[0], query).query();
        }
        return result;
    }

    /** Records the text and the parameters when the query runs. */
    private final class Recorded {
        private final String text;
        private final PreparedQuery<?> real;

        Recorded(String text, PreparedQuery<?> real) {
            this.text = text;
            this.real = real;
        }

        @SuppressWarnings("unchecked")
        PreparedQuery<?> query() {
            InvocationHandler handler = (self, method, args) -> {
                if (method.getName().equals("execute")
                        && args != null
                        && args.length >= 1
                        && args[0] instanceof Tuple tuple) {
                    record(text, tuple);
                }
                if (method.isDefault()) {
                    return InvocationHandler.invokeDefault(self, method, args);
                }
                return forward(real, method, args);
            };
            return (PreparedQuery<?>) Proxy.newProxyInstance(
                    PreparedQuery.class.getClassLoader(), new Class<?>[] {PreparedQuery.class}, handler);
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
