package dev.quarry.query.exec;

import io.vertx.pgclient.PgException;
import java.util.Optional;

/**
 * What a database error means to Quarry, by its SQLSTATE (PostgreSQL's condition names): the one classification
 * that reads, writes and JDBC imports ({@link JdbcErrors}) share. {@link DatabaseErrors} turns a condition into an
 * error code.
 */
public enum SqlCondition {
    UNIQUE_VIOLATION("UniqueConstraintViolation"),
    FOREIGN_KEY_VIOLATION("ForeignKeyConstraintViolation"),
    NOT_NULL_VIOLATION("NullConstraintViolation"),
    /** The adapter has no kind of its own for it: its generic one, PostgreSQL's error as it came. */
    CHECK_VIOLATION("postgres"),
    STRING_DATA_RIGHT_TRUNCATION("LengthMismatch"),
    NUMERIC_VALUE_OUT_OF_RANGE("ValueOutOfRange"),
    DIVISION_BY_ZERO(null),
    /** {@code 22P02}: a text that is no value of the type ({@code "abc"} for a uuid). */
    INVALID_TEXT_REPRESENTATION("InvalidInputValue"),
    /** Any other of class 22: a value the database refused (an invalid input syntax, a bad date). */
    DATA_EXCEPTION(null),
    /** A full-text query that does not parse ({@code 42601} about a {@code tsquery}): a value, not a bug. */
    TSQUERY_SYNTAX(null),
    UNDEFINED_TABLE(null),
    UNDEFINED_COLUMN(null),
    /**
     * A function with no variant for the argument's type: an aggregate PostgreSQL lacks ({@code min(bytea)}, {@code
     * avg(integer[])}), which Prisma's query schema offers and its driver adapter reports as a database error.
     */
    UNDEFINED_FUNCTION("postgres"),
    /** A GRANT is missing, or a row-level security policy refused a row. */
    INSUFFICIENT_PRIVILEGE(null),
    /** The statement ran past {@code statement_timeout}. */
    QUERY_CANCELED(null),
    /** Serialization failures and deadlocks: the transaction may simply be run again. */
    TRANSACTION_ROLLBACK("TransactionWriteConflict"),
    /** The database is down, restarting or out of connections ({@link DatabaseAvailability}). */
    UNAVAILABLE(null),
    OTHER(null);

    private final String adapterKind;

    SqlCondition(String adapterKind) {
        this.adapterKind = adapterKind;
    }

    /**
     * Prisma 7's driver adapter's name for the failure ({@code meta.driverAdapterError.cause.kind}), for the
     * conditions it names.
     */
    public Optional<String> adapterKind() {
        return Optional.ofNullable(adapterKind);
    }

    public static SqlCondition of(Throwable failure) {
        return failure instanceof PgException pg ? of(pg) : OTHER;
    }

    public static SqlCondition of(PgException e) {
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        switch (state) {
            case "23505":
                return UNIQUE_VIOLATION;
            case "23503":
                return FOREIGN_KEY_VIOLATION;
            case "23502":
                return NOT_NULL_VIOLATION;
            case "23514":
                return CHECK_VIOLATION;
            case "22001":
                return STRING_DATA_RIGHT_TRUNCATION;
            case "22003":
                return NUMERIC_VALUE_OUT_OF_RANGE;
            case "22012":
                return DIVISION_BY_ZERO;
            case "22P02":
                return INVALID_TEXT_REPRESENTATION;
            case "42P01":
                return UNDEFINED_TABLE;
            case "42703":
                return UNDEFINED_COLUMN;
            case "42883":
                return UNDEFINED_FUNCTION;
            case "42501":
                return INSUFFICIENT_PRIVILEGE;
            case "57014":
                return QUERY_CANCELED;
            case "40001":
            case "40P01":
                return TRANSACTION_ROLLBACK;
            case "42601":
                return String.valueOf(e.getErrorMessage()).contains("tsquery") ? TSQUERY_SYNTAX : OTHER;
            default:
                break;
        }
        if (state.startsWith("22")) {
            return DATA_EXCEPTION;
        }
        return DatabaseAvailability.isUnavailable(e) ? UNAVAILABLE : OTHER;
    }

    /** Class 22, or a full-text query's syntax: the database refused a value the planner let through. */
    public boolean refusedValue() {
        return this == STRING_DATA_RIGHT_TRUNCATION
                || this == NUMERIC_VALUE_OUT_OF_RANGE
                || this == DIVISION_BY_ZERO
                || this == INVALID_TEXT_REPRESENTATION
                || this == DATA_EXCEPTION
                || this == TSQUERY_SYNTAX;
    }
}
