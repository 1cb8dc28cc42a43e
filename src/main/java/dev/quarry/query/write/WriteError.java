package dev.quarry.query.write;

import java.util.Map;

/**
 * A write that cannot be done as asked, found while running it: a record it depends on is missing, a constraint
 * of the database refused it, the record changed since the client read it, or the database is unavailable.
 *
 * @param code Prisma's code where one exists ({@code P2002}, {@code P2025}, …), else a Quarry code
 * @param meta the details Prisma puts in {@code meta} ({@code target}, {@code modelName}, …)
 */
public record WriteError(Kind kind, String code, String message, Map<String, Object> meta) {

    public enum Kind {
        /** A record to write, connect or read back does not exist (404). */
        NOT_FOUND,
        /** A constraint of the data refused the write: unique, foreign key, required relation (409). */
        CONFLICT,
        /** A value the database refused: null in a required column, out of range, too long (400). */
        INVALID,
        /** {@code If-Match} named a version the record no longer has (412). */
        PRECONDITION_FAILED,
        /** The database is unreachable or overloaded, or the statement ran past its timeout (503). */
        UNAVAILABLE,
        /** The transaction ran longer than its {@code timeout} and was rolled back (408). */
        TIMED_OUT,
        /** The database's GRANTs or row-level security refused the write (403). */
        FORBIDDEN
    }

    public WriteError {
        meta = Map.copyOf(meta);
    }

    public WriteException exception() {
        return new WriteException(this);
    }
}
