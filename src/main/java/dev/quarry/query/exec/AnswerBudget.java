package dev.quarry.query.exec;

import dev.quarry.query.QueryErrors;
import dev.quarry.query.plan.Limits;
import io.vertx.sqlclient.Row;

/**
 * Turns what a read statement found about its own answer (see {@code QueryBuilder}: the column {@code overflow},
 * the path of a list over {@code max-rows}, and {@code bytes}, the body's size) into the client's 400, before the
 * body is used. The statement sends no body in either case.
 */
public final class AnswerBudget {

    private AnswerBudget() {}

    public static void check(Row row, Limits limits) {
        int overflow = row.getColumnIndex("overflow");
        if (overflow >= 0 && row.getValue(overflow) != null) {
            throw QueryErrors.overRowLimit(row.getString(overflow), limits.maxRows());
        }
        int bytes = row.getColumnIndex("bytes");
        if (bytes >= 0 && row.getValue(bytes) != null && row.getLong(bytes) > limits.maxResponseBytes()) {
            throw QueryErrors.overResponseSize(row.getLong(bytes), limits.maxResponseBytes());
        }
    }
}
