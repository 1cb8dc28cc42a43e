package dev.quarry.query.exec;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.query.write.WriteError;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs work in one transaction on one connection of the Vert.x pool, without blocking a thread: committed when the
 * work's Uni succeeds, rolled back when it fails, so a failing nested write leaves nothing behind. Under Quarry's
 * default isolation (READ COMMITTED) deadlocks and serialization failures are retried; with an isolation level the
 * client chose, they are answered as Prisma does (P2034), for the client to retry. Unique violations are retried
 * when the work asks (an upsert that raced another one finds the row on the next try). Database errors leave as
 * {@link dev.quarry.query.write.WriteException}s.
 */
public final class WriteRunner {

    private static final Logger LOG = Logger.getLogger("dev.quarry.query");
    private static final int ATTEMPTS = 4;
    /** A statement cancelled by {@code statement_timeout}: the transaction ran out of its time. */
    private static final String QUERY_CANCELED = "57014";

    private final Pool pool;
    private final DatabaseErrors errors;
    private final TxLimits limits;

    public WriteRunner(Pool pool, DatabaseErrors errors, TxLimits limits) {
        this.pool = pool;
        this.errors = errors;
        this.limits = limits;
    }

    /**
     * The transaction runs to its end even when the caller cancels (an HTTP client that hung up): cancelling a
     * chain halfway would drop a connection still waited for in the pool's queue, or one inside an open
     * transaction, and leak it. The outcome is simply not delivered.
     */
    public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work, boolean retryUniqueViolations, TxOptions options) {
        Uni<T> transaction = attempt(work, retryUniqueViolations, options, 1);
        return Uni.createFrom().emitter(emitter -> transaction.subscribe().with(emitter::complete, emitter::fail));
    }

    /**
     * A write that is one statement, atomic by itself: in open mode sent alone (one round trip, no transaction
     * block), with session settings as one pipelined BEGIN, settings, statement, COMMIT ({@link
     * SessionSettings#run}). Retried and its errors answered as a transaction's, and likewise run to its end when
     * the caller cancels.
     */
    public Uni<List<Row>> alone(SqlStatement statement, Optional<SessionSettings> session) {
        // qualified: the Mutiny Tuple, RowSet and Row are imported
        io.vertx.sqlclient.Tuple params = io.vertx.sqlclient.Tuple.from(statement.params());
        Supplier<Uni<List<Row>>> once = () -> connection(TxOptions.DEFAULT).chain(connection -> {
            Uni<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> rows = session.isPresent()
                    ? session.get().run(connection.getDelegate(), statement.text(), params)
                    : connection
                            .preparedQuery(statement.text())
                            .execute(Tuple.newInstance(params))
                            .map(RowSet::getDelegate);
            return rows.map(WriteRunner::rows).eventually(connection::close);
        });
        Uni<List<Row>> write = attempt(once, false, TxOptions.DEFAULT, 1);
        return Uni.createFrom().emitter(emitter -> write.subscribe().with(emitter::complete, emitter::fail));
    }

    // qualified: the Mutiny RowSet and Row are imported
    private static List<Row> rows(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> result) {
        List<Row> rows = new ArrayList<>();
        result.forEach(row -> rows.add(Row.newInstance(row)));
        return rows;
    }

    private <T> Uni<T> attempt(
            Function<Tx, Uni<T>> work, boolean retryUniqueViolations, TxOptions options, int attempt) {
        return attempt(() -> once(work, options), retryUniqueViolations, options, attempt);
    }

    private <T> Uni<T> attempt(Supplier<Uni<T>> once, boolean retryUniqueViolations, TxOptions options, int attempt) {
        return once.get().onFailure().recoverWithUni(e -> {
            Throwable cause = unwrap(e);
            boolean again = (options.isolation().isEmpty() && DatabaseErrors.retryable(cause))
                    || (retryUniqueViolations && DatabaseErrors.uniqueViolation(cause));
            if (again && attempt < ATTEMPTS) {
                LOG.debugf("retrying a write transaction after %s", cause.getMessage());
                return attempt(once, retryUniqueViolations, options, attempt + 1);
            }
            return Uni.createFrom().failure(translate(cause, e, options));
        });
    }

    private <T> Uni<T> once(Function<Tx, Uni<T>> work, TxOptions options) {
        Duration timeout = limits.timeout(options);
        return connection(options)
                .chain(connection -> open(connection, options)
                        .chain(transaction -> Uni.createFrom()
                                .deferred(() -> work.apply(new Tx(connection)))
                                .ifNoItem()
                                .after(timeout)
                                .failWith(() -> timedOut(timeout))
                                .onFailure()
                                .call(() -> rollback(transaction))
                                .call(transaction::commit))
                        .eventually(connection::close));
    }

    /**
     * Every transaction begins here: BEGIN, then, when the client gave options that change something, one round
     * trip that sets them: the isolation level (before any other statement, as PostgreSQL requires) and the
     * client's timeout as the statements' limit when it is below the service's statement timeout (never above: a
     * client cannot lift it), so that a statement still running when the transaction times out is cancelled by
     * PostgreSQL, not waited for.
     */
    private Uni<Transaction> open(SqlConnection connection, TxOptions options) {
        Uni<Transaction> begun = connection.begin();
        Optional<Duration> statementTimeout = limits.statementTimeout(options);
        if (options.isolation().isEmpty() && statementTimeout.isEmpty()) {
            return begun;
        }
        String settings = Stream.concat(
                        options.isolation().map(i -> "SET TRANSACTION ISOLATION LEVEL " + i.sql()).stream(),
                        statementTimeout.map(t -> "SET LOCAL statement_timeout = " + t.toMillis()).stream())
                .collect(Collectors.joining("; "));
        return begun.call(() -> connection.query(settings).execute());
    }

    /**
     * A connection within the client's {@code maxWait}, or within the pool's own wait when it gave none. One that
     * arrives after the wait gave up is handed back to the pool, never leaked.
     */
    private Uni<SqlConnection> connection(TxOptions options) {
        if (options.maxWait().isEmpty()) {
            return pool.getConnection().onFailure().transform(WriteRunner::unavailable);
        }
        Duration maxWait = options.maxWait().get();
        Uni<SqlConnection> acquired = pool.getConnection().memoize().indefinitely();
        return acquired.ifNoItem()
                .after(maxWait)
                .failWith(TimeoutException::new)
                .onFailure()
                .transform(e -> {
                    if (e instanceof TimeoutException) {
                        acquired.subscribe().with(SqlConnection::closeAndForget, ignored -> {});
                        return new WriteError(
                                        ErrorCode.POOL_TIMEOUT,
                                        "Timed out fetching a new connection from the connection pool " + "(maxWait "
                                                + maxWait.toMillis() + " ms).",
                                        Map.of("maxWait", maxWait.toMillis()))
                                .exception();
                    }
                    return unavailable(e);
                });
    }

    private static Throwable unavailable(Throwable e) {
        if (unwrap(e) instanceof PgException) {
            return e;
        }
        LOG.warnf("database unavailable: %s", e.getMessage());
        return DatabaseErrors.unavailable().exception();
    }

    private static Uni<Void> rollback(Transaction transaction) {
        return transaction.rollback().onFailure().recoverWithUni(e -> {
            LOG.debugf("rollback failed: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private static RuntimeException timedOut(Duration timeout) {
        String message = "Transaction already closed: the transaction ran longer than its timeout ("
                + timeout.toMillis() + " ms) and was rolled back.";
        return new WriteError(ErrorCode.TRANSACTION_TIMED_OUT, message, Map.of("timeout", timeout.toMillis()))
                .exception();
    }

    private RuntimeException translate(Throwable cause, Throwable thrown, TxOptions options) {
        // Cancelled by the transaction's own timeout (P2028) only when the client's timeout was the statements'
        // limit; otherwise it is the service's statement_timeout, which DatabaseErrors answers.
        if (cause instanceof PgException pg
                && QUERY_CANCELED.equals(pg.getSqlState())
                && limits.statementTimeout(options).isPresent()) {
            return timedOut(options.timeout().get());
        }
        if (cause instanceof PgException pg) {
            Optional<WriteError> error = errors.map(pg);
            if (error.isPresent()) {
                return error.get().exception();
            }
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return thrown instanceof RuntimeException r ? r : new CompletionException(thrown);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t.getClass() == RuntimeException.class)
                && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
