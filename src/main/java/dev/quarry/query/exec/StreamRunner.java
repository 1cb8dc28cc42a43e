package dev.quarry.query.exec;

import dev.quarry.query.sql.SqlStatement;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a statement whose rows are the lines of a stream ({@code QueryBuilder.Output.LINES}) through a server-side
 * cursor: a transaction on a connection of its own, a portal read {@code fetchSize} rows at a time, and the next
 * fetch only when the subscriber asks (a slow client pauses the cursor). Whatever ends the stream (its end, a
 * failure, the subscriber's cancellation: a client that hung up) ends the transaction and returns the connection;
 * a cancellation during a fetch first sends PostgreSQL a cancel request, so that a statement still executing (a
 * slow view, a sort) does not hold the connection until it ends, and then ends that connection's session instead
 * of returning it (see {@link #discard}).
 *
 * <p>The stream's own {@code timeout} bounds it as a whole (checked at each fetch), each fetch ({@code
 * statement_timeout}) and each pause for a slow client ({@code idle_in_transaction_session_timeout}); the pool's
 * timeouts are for answers, not streams.
 */
public final class StreamRunner {

    private static final String TIMEOUT_SQL = "select set_config('statement_timeout', $1, true), "
            + "set_config('idle_in_transaction_session_timeout', "
            + "$1, true)";

    private final Pool pool;
    private final int fetchSize;
    private final Duration timeout;

    public StreamRunner(Pool pool, int fetchSize, Duration timeout) {
        this.pool = pool;
        this.fetchSize = fetchSize;
        this.timeout = timeout;
    }

    /**
     * An open cursor's transaction; the fetch read ahead (started as soon as the one before it ended, so that
     * PostgreSQL computes the next rows while the last are written to the client), and whether it is under way.
     */
    private static final class Open {
        final SqlConnection connection;
        final Transaction tx;
        final Cursor cursor;
        final AtomicBoolean fetching = new AtomicBoolean();
        volatile Future<RowSet<Row>> ahead;

        Open(SqlConnection connection, Transaction tx, Cursor cursor) {
            this.connection = connection;
            this.tx = tx;
            this.cursor = cursor;
        }
    }

    /**
     * The first column of each row (bytes: {@code Output.LINES}'s line), a fetch's rows at a time: one list per
     * fetch, never empty, the lines in order.
     */
    public Multi<List<Buffer>> lines(SqlStatement statement, Optional<SessionSettings> session) {
        Tuple params = Tuple.tuple();
        statement.params().forEach(params::addValue);
        return Multi.createFrom()
                .resourceFromUni(() -> open(statement, params, session), open -> {
                    long deadline = System.nanoTime() + timeout.toNanos();
                    return Multi.createBy()
                            .repeating()
                            .uni(() -> fetch(open, deadline))
                            .whilst(ignored -> open.ahead != null)
                            .select()
                            .where(fetched -> !fetched.isEmpty())
                            // a failure past the deadline is the timeout, also when PostgreSQL ended a session
                            // paused too long
                            .onFailure(e -> System.nanoTime() > deadline)
                            .transform(e -> new StreamTimedOut(timeout));
                })
                .withFinalizer(
                        open -> end(open, open.tx.commit()),
                        (open, failure) -> end(open, open.tx.rollback()),
                        open -> open.fetching.get()
                                ? cancel(open).flatMap(ignored -> discard(open))
                                : end(open, open.tx.rollback()));
    }

    /** The next fetch's lines; the one after it is read ahead, if the cursor has more rows. */
    private Uni<List<Buffer>> fetch(Open open, long deadline) {
        if (System.nanoTime() > deadline) {
            return Uni.createFrom().failure(new StreamTimedOut(timeout));
        }
        Future<RowSet<Row>> next = open.ahead != null ? open.ahead : read(open);
        open.ahead = null;
        return Uni.createFrom().completionStage(next.toCompletionStage()).map(rows -> {
            if (open.cursor.hasMore()) {
                open.ahead = read(open);
            }
            List<Buffer> lines = new ArrayList<>(rows.size());
            for (Row row : rows) {
                lines.add(row.getBuffer(0));
            }
            return lines;
        });
    }

    private Future<RowSet<Row>> read(Open open) {
        open.fetching.set(true);
        return open.cursor.read(fetchSize).onComplete(ignored -> open.fetching.set(false));
    }

    private Uni<Open> open(SqlStatement statement, Tuple params, Optional<SessionSettings> session) {
        return pool.getConnection()
                .flatMap(connection -> connection
                        .begin()
                        .flatMap(tx -> settings(connection, session)
                                .flatMap(ignored -> connection.prepare(statement.text()))
                                .map(prepared -> new Open(
                                        connection, tx, prepared.cursor(params).getDelegate())))
                        .onFailure()
                        .call(connection::close));
    }

    private Uni<Void> settings(SqlConnection connection, Optional<SessionSettings> session) {
        Uni<Void> role = session.map(s -> {
                    SqlStatement set = s.statement();
                    return connection
                            .preparedQuery(set.text())
                            .execute(Tuple.from(set.params()))
                            .onFailure(PgException.class)
                            .transform(e -> new SessionRefused(s.role(), (PgException) e))
                            .replaceWithVoid();
                })
                .orElse(Uni.createFrom().voidItem());
        return role.flatMap(ignored -> connection
                .preparedQuery(TIMEOUT_SQL)
                .execute(Tuple.from(List.of(timeout.toMillis() + "ms")))
                .replaceWithVoid());
    }

    /**
     * Asks PostgreSQL to cancel the fetch under way: the rollback after it would otherwise wait for it to end. The
     * request travels on a connection of its own and is acted on later, at a moment nobody knows: see {@link
     * #discard}.
     */
    private static Uni<Void> cancel(Open open) {
        return PgConnection.cast(open.connection).cancelRequest().onFailure().recoverWithNull();
    }

    /**
     * Rolls back and ends the connection's session for good, so that a cancel request still on its way cannot reach
     * the next user's statement on that connection: it finds either one of these two statements or no session. The
     * pool opens a new connection in its place.
     */
    private static Uni<Void> discard(Open open) {
        return open.tx
                .rollback()
                .onFailure()
                .recoverWithNull()
                .flatMap(ignored -> open.connection
                        .query("SELECT pg_terminate_backend(pg_backend_pid())")
                        .execute()
                        .replaceWithVoid()
                        .onFailure()
                        .recoverWithNull())
                .flatMap(ignored -> open.connection.close().onFailure().recoverWithNull());
    }

    /**
     * Ends the transaction (its failure does not matter any more: the connection is closed all the same) and
     * returns the connection.
     */
    private static Uni<Void> end(Open open, Uni<Void> endTx) {
        return endTx.onFailure().recoverWithNull().flatMap(ignored -> open.connection.close());
    }
}
