package dev.quarry.query.exec;

import dev.quarry.query.sql.SqlStatement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * One open transaction on one connection. Statements are chained by the caller (each next step of a nested write
 * needs the rows of the one before: a created parent's key, a connected record's id), never awaited.
 */
public final class Tx {

    private final SqlConnection connection;
    private int statements;

    Tx(SqlConnection connection) {
        this.connection = connection;
    }

    public Uni<List<Row>> run(SqlStatement statement) {
        Tuple params = Tuple.tuple();
        statement.params().forEach(params::addValue);
        statements++;
        return connection.preparedQuery(statement.text()).execute(params).map(result -> {
            List<Row> rows = new ArrayList<>();
            result.forEach(rows::add);
            return rows;
        });
    }

    /** Statements run in this transaction so far. */
    public int statements() {
        return statements;
    }
}
