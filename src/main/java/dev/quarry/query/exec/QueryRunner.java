package dev.quarry.query.exec;

import dev.quarry.query.plan.Limits;
import dev.quarry.query.sql.SqlStatement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Runs one compiled statement as a prepared query on the Vert.x pool (prepared statements are cached per
 * connection by text, and the text is a function of the query's shape only). Logs each statement with its
 * duration at debug, and slow ones at warn.
 */
public final class QueryRunner {

    private static final Logger LOG = Logger.getLogger("dev.quarry.query");

    private final Pool pool;
    private final Duration slowThreshold;
    private final Limits limits;

    /** @param limits the answer budgets the statements were built with, checked on each result */
    public QueryRunner(Pool pool, Duration slowThreshold, Limits limits) {
        this.pool = pool;
        this.slowThreshold = slowThreshold;
        this.limits = limits;
    }

    public Uni<QueryResult> run(SqlStatement statement) {
        return run(statement, Optional.empty());
    }

    /** Open mode: the statement alone, no transaction. With session settings: see {@link SessionSettings#read}. */
    public Uni<QueryResult> run(SqlStatement statement, Optional<SessionSettings> session) {
        Tuple params = Tuple.tuple();
        for (Object p : statement.params()) {
            params.addValue(p);
        }
        long start = System.nanoTime();
        Uni<RowSet<Row>> execution = session.isPresent()
                ? session.get().read(pool, statement.text(), params)
                // qualified: the Vert.x core Tuple is imported
                : pool.preparedQuery(statement.text())
                        .execute(io.vertx.mutiny.sqlclient.Tuple.newInstance(params))
                        .map(rows -> rows.getDelegate());
        return execution
                .map(rows -> {
                    log(statement, System.nanoTime() - start);
                    RowIterator<Row> it = rows.iterator();
                    Row row = it.next();
                    AnswerBudget.check(row, limits);
                    String body = row.getString(0);
                    int total = row.getColumnIndex("total");
                    int tag = row.getColumnIndex("tag");
                    return new QueryResult(
                            body == null ? "null" : body,
                            total < 0 ? OptionalLong.empty() : OptionalLong.of(row.getLong(total)),
                            tag < 0 ? Optional.empty() : Optional.ofNullable(row.getString(tag)));
                })
                .onFailure()
                .invoke(e -> log(statement, System.nanoTime() - start));
    }

    private void log(SqlStatement statement, long nanos) {
        long ms = nanos / 1_000_000;
        if (ms >= slowThreshold.toMillis()) {
            LOG.warnf(
                    "slow statement (%d ms, %d params): %s",
                    ms, statement.params().size(), statement.text());
        } else if (LOG.isDebugEnabled()) {
            LOG.debugf(
                    "statement (%d ms, %d params): %s", ms, statement.params().size(), statement.text());
        }
    }
}
