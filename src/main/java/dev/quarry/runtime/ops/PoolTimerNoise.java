package dev.quarry.runtime.ops;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops one log record that is a known, harmless bug of the Vert.x SQL client (vertx-sql-client#1706):
 * when a connection attempt fails (the database is down), the pool's connection timer still fires later
 * and fails the already failed request again, which Vert.x reports as an uncaught
 * {@code IllegalStateException: Result is already complete} with its stack trace, once per failed read.
 * The request itself got its 503; only that record, recognised by its message and the pool's frame, goes.
 */
@LoggingFilter(name = PoolTimerNoise.NAME)
public final class PoolTimerNoise implements Filter {

    static final String NAME = "vertx-sql-pool-timer";

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (!(thrown instanceof IllegalStateException) || !"Result is already complete".equals(thrown.getMessage())) {
            return true;
        }
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
                return false;
            }
        }
        return true;
    }
}
