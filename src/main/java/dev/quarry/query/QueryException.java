package dev.quarry.query;

/** The one exception the query stage throws for a client mistake; the api stage turns it into a 400. */
public final class QueryException extends RuntimeException {

    private final QueryError error;

    public QueryException(QueryError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public QueryError error() {
        return error;
    }
}
