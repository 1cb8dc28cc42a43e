package dev.quarry.query.exec;

import dev.quarry.query.write.WriteError;
import dev.quarry.query.write.WriteException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs work in one transaction on the Vert.x pool (READ COMMITTED): committed when the work returns, rolled back
 * when it throws, so a failing nested write leaves nothing behind. Serialization failures and deadlocks are retried;
 * so are unique violations when the work asks (an upsert that raced another one finds the row on the next try).
 * Database errors leave as {@link WriteException}s.
 */
public final class WriteRunner {

    private static final Logger LOG = Logger.getLogger("dev.quarry.query");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 4;

    private final Pool pool;
    private final DatabaseErrors errors;

    public WriteRunner(Pool pool, DatabaseErrors errors) {
        this.pool = pool;
        this.errors = errors;
    }

    public <T> T inTransaction(Function<Tx, T> work, boolean retryUniqueViolations) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                boolean again = DatabaseErrors.retryable(cause) || (retryUniqueViolations && DatabaseErrors.uniqueViolation(cause));
                if (again && attempt < ATTEMPTS) {
                    LOG.debugf("retrying a write transaction after %s", cause.getMessage());
                    continue;
                }
                throw translate(cause, e);
            }
        }
    }

    private <T> T once(Function<Tx, T> work) {
        SqlConnection connection;
        try {
            connection = pool.getConnection().await().atMost(WAIT);
        } catch (RuntimeException e) {
            if (unwrap(e) instanceof PgException) {
                throw e;
            }
            LOG.warnf("database unavailable: %s", e.getMessage());
            throw new WriteError(WriteError.Kind.UNAVAILABLE, "Q503", "The database is unreachable or overloaded; retry later.", Map.of()).exception();
        }
        try {
            Transaction transaction = connection.begin().await().atMost(WAIT);
            T result;
            try {
                result = work.apply(new Tx(connection));
            } catch (RuntimeException e) {
                rollback(transaction);
                throw e;
            }
            transaction.commit().await().atMost(WAIT);
            return result;
        } finally {
            connection.close().await().atMost(WAIT);
        }
    }

    private static void rollback(Transaction transaction) {
        try {
            transaction.rollback().await().atMost(WAIT);
        } catch (RuntimeException e) {
            LOG.debugf("rollback failed: %s", e.getMessage());
        }
    }

    private RuntimeException translate(Throwable cause, RuntimeException thrown) {
        if (cause instanceof PgException pg) {
            Optional<WriteError> error = errors.map(pg);
            if (error.isPresent()) {
                return error.get().exception();
            }
        }
        return cause instanceof RuntimeException r ? r : thrown;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t.getClass() == RuntimeException.class) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
