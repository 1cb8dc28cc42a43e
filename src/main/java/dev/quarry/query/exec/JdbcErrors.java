package dev.quarry.query.exec;

import io.vertx.pgclient.PgException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PgJDBC's report of a server error as the reactive client's, so that {@link DatabaseErrors} maps both alike (bulk
 * imports run on JDBC).
 */
public final class JdbcErrors {

    private JdbcErrors() {}

    public static PgException pgException(PSQLException e) {
        ServerErrorMessage m = e.getServerErrorMessage();
        if (m == null) {
            return new PgException(e.getMessage(), "ERROR", e.getSQLState(), null);
        }
        return new PgException(
                m.getMessage(),
                m.getSeverity(),
                m.getSQLState(),
                m.getDetail(),
                m.getHint(),
                text(m.getPosition()),
                text(m.getInternalPosition()),
                m.getInternalQuery(),
                m.getWhere(),
                m.getFile(),
                text(m.getLine()),
                m.getRoutine(),
                m.getSchema(),
                m.getTable(),
                m.getColumn(),
                m.getDatatype(),
                m.getConstraint());
    }

    private static String text(int n) {
        return n == 0 ? null : Integer.toString(n);
    }
}
