package dev.quarry.query.exec;

import dev.quarry.query.sql.SqlStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One open transaction, driven step by step from a worker thread: each statement waits for its rows, because the
 * next step of a nested write needs them (a created parent's key, a connected record's id).
 */
public final class Tx {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final SqlConnection connection;
    private int statements;

    Tx(SqlConnection connection) {
        this.connection = connection;
    }

    public List<Row> run(SqlStatement statement) {
        Tuple params = Tuple.tuple();
        statement.params().forEach(params::addValue);
        statements++;
        List<Row> rows = new ArrayList<>();
        connection.preparedQuery(statement.text()).execute(params).await().atMost(STATEMENT_TIMEOUT).forEach(rows::add);
        return rows;
    }

    /** Statements run in this transaction so far. */
    public int statements() {
        return statements;
    }
}
