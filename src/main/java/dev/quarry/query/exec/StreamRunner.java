package dev.quarry.query.exec;

import dev.quarry.query.sql.SqlStatement;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a statement whose rows are the lines of a stream ({@code QueryBuilder.Output.LINES}) through a server-side
 * cursor: a transaction on a connection of its own, a portal read {@code fetchSize} rows at a time, and the next
 * fetch only when the subscriber asks (a slow client pauses the cursor). Whatever ends the stream (its end, a
 * failure, the subscriber's cancellation: a client that hung up) ends the transaction and returns the connection.
 *
 * <p>The stream's own {@code timeout} bounds it as a whole (checked at each row), each fetch ({@code
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

    /** An open cursor's transaction. */
    private record Cursor(SqlConnection connection, Transaction tx, PreparedStatement prepared) {}

    /** The first column of each row, as text. */
    public Multi<String> lines(SqlStatement statement, Optional<SessionSettings> session) {
        Tuple params = Tuple.tuple();
        statement.params().forEach(params::addValue);
        return Multi.createFrom()
                .resourceFromUni(() -> open(statement, session), cursor -> {
                    long deadline = System.nanoTime() + timeout.toNanos();
                    // a failure past the deadline is the timeout, also when PostgreSQL ended a session paused too
                    // long
                    return cursor.prepared()
                            .createStream(fetchSize, params)
                            .toMulti()
                            .map(row -> {
                                if (System.nanoTime() > deadline) {
                                    throw new StreamTimedOut(timeout);
                                }
                                return row.getString(0);
                            })
                            .onFailure(e -> System.nanoTime() > deadline)
                            .transform(e -> new StreamTimedOut(timeout));
                })
                .withFinalizer(
                        cursor -> end(cursor, cursor.tx().commit()),
                        (cursor, failure) -> end(cursor, cursor.tx().rollback()),
                        cursor -> end(cursor, cursor.tx().rollback()));
    }

    private Uni<Cursor> open(SqlStatement statement, Optional<SessionSettings> session) {
        return pool.getConnection()
                .flatMap(connection -> connection
                        .begin()
                        .flatMap(tx -> settings(connection, session)
                                .flatMap(ignored -> connection.prepare(statement.text()))
                                .map(prepared -> new Cursor(connection, tx, prepared)))
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
     * Ends the transaction (its failure does not matter any more: the connection is closed all the same) and
     * returns the connection.
     */
    private static Uni<Void> end(Cursor cursor, Uni<Void> endTx) {
        return endTx.onFailure()
                .recoverWithNull()
                .flatMap(ignored -> cursor.connection().close());
    }
}
