package dev.quarry.query.exec;

import dev.quarry.query.sql.SqlStatement;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one authenticated request runs as, set at the start of its transaction as PostgREST does: the database role
 * (so GRANTs and row-level security decide), the token's claims as JSON text (for policies: {@code
 * current_setting('request.jwt.claims', true)::jsonb}) and the statement timeout. All three are transaction-local
 * ({@code is_local = true}), so nothing leaks to the next user of the pooled connection.
 *
 * @param statementTimeout zero for none
 */
public record SessionSettings(String role, String claimsJson, Duration statementTimeout) {

    public static final String SQL = "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), "
            + "set_config('statement_timeout', $3, true)";

    public SqlStatement statement() {
        return new SqlStatement(SQL, List.of(role, claimsJson, statementTimeout.toMillis() + "ms"));
    }

    /**
     * First in a write transaction (nothing in open mode): a refusal (no such role, not allowed to take it) fails
     * as {@link SessionRefused}.
     */
    public static Uni<Void> applyTo(Optional<SessionSettings> session, Tx tx) {
        if (session.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SessionSettings settings = session.get();
        return tx.run(settings.statement())
                .onFailure(PgException.class)
                .transform(e -> new SessionRefused(settings.role(), (PgException) e))
                .replaceWithVoid();
    }

    /**
     * One read in its own transaction: BEGIN, the settings, the statement and COMMIT are sent together on one
     * connection (the client pipelines them), so the settings cost no extra round trip. When a step fails,
     * PostgreSQL turns the COMMIT into a rollback; the first failure is the one reported.
     */
    public Uni<RowSet<Row>> read(Pool pool, String text, Tuple params) {
        return pool.withConnection(connection -> run(connection.getDelegate(), text, params));
    }

    /**
     * One statement in its own transaction on {@code c}, pipelined as {@link #read} does; also a write that is one
     * statement.
     */
    public Uni<RowSet<Row>> run(SqlConnection c, String text, Tuple params) {
        SqlStatement settings = statement();
        var begin = c.query("BEGIN").execute();
        var set = c.preparedQuery(settings.text()).execute(Tuple.from(settings.params()));
        var main = c.preparedQuery(text).execute(params);
        var commit = c.query("COMMIT").execute();
        Future<RowSet<Row>> all = Future.join(begin, set, main, commit).transform(done -> {
            if (begin.failed()) {
                return Future.failedFuture(begin.cause());
            }
            if (set.failed()) {
                Throwable cause = set.cause();
                return Future.failedFuture(cause instanceof PgException pg ? new SessionRefused(role, pg) : cause);
            }
            if (main.failed()) {
                return Future.failedFuture(main.cause());
            }
            if (commit.failed()) {
                return Future.failedFuture(commit.cause());
            }
            return Future.succeededFuture(main.result());
        });
        return Uni.createFrom().completionStage(all.toCompletionStage());
    }
}
