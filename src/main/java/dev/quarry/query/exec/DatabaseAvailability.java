package dev.quarry.query.exec;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Tells a failure that is the database's momentary absence (down, restarting, failing over, out of
 * connections, or this instance's pool exhausted) from one that is the request's or the code's fault.
 * The first kind answers {@code 503 Service Unavailable} with {@code Retry-After}: another try, here or on
 * another instance, may well succeed. Everything else keeps its own status.
 */
public final class DatabaseAvailability {

    /** The {@code Retry-After} a 503 carries: long enough for a restart or a failover to progress. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** SQLSTATE classes: 08 connection exception, 53 insufficient resources (53300 too many connections). */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53");
    /** 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, recovery). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseAvailability() {}

    /**
     * Looks through the whole cause chain, so a failure wrapped by Mutiny or a completion stage is still
     * recognised.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isUnavailableItself(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableItself(Throwable failure) {
        if (failure instanceof PgException) {
            String state = ((PgException) failure).getSqlState();
            return state != null
                    && state.length() == 5
                    && (UNAVAILABLE_STATES.contains(state) || UNAVAILABLE_CLASSES.contains(state.substring(0, 2)));
        }
        // SocketException: refused, reset, broken pipe, no route; UnknownHostException: the database's DNS name.
        return failure instanceof SocketException
                || failure instanceof UnknownHostException
                || failure instanceof ClosedChannelException
                || failure instanceof ClosedConnectionException
                || failure instanceof ConnectionPoolTooBusyException
                || isVertxConnectionState(failure);
    }

    /**
     * Vert.x reports two of these with a bare message: a request that waited its whole
     * {@code quarry.pool.wait-timeout} for a connection, and a statement sent on a connection the server
     * closed (a transaction in progress when PostgreSQL restarted).
     */
    private static boolean isVertxConnectionState(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return (failure instanceof VertxException || failure instanceof NoStackTraceThrowable)
                && (message.equals("Timeout waiting for connection")
                        || message.startsWith("Connection is not active now"));
    }
}
