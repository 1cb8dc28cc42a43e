package dev.quarry.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error code an answer can carry, with the HTTP status, title and problem {@code type} that go with it.
 * Prisma's P-codes where Prisma has one; Quarry's own Q-codes otherwise, grouped by what they are about (Q1xx a
 * request's arguments and limits, Q16x streams, Q17x bulk imports, Q180 data rules, Q190 soft delete, Q4xx/Q5xx the
 * HTTP status they stand for). The problem {@code type} is always {@link #TYPE_BASE} followed by the code.
 */
public enum ErrorCode {

    // --- a request's arguments (400) ---
    MALFORMED_JSON("Q100", 400, Titles.ARGUMENT),
    UNKNOWN_ARGUMENT("Q101", 400, Titles.ARGUMENT),
    UNKNOWN_FIELD("Q102", 400, Titles.ARGUMENT),
    UNKNOWN_OPERATOR("Q103", 400, Titles.ARGUMENT),
    WRONG_TYPE("Q104", 400, Titles.ARGUMENT),
    OUT_OF_RANGE("Q105", 400, Titles.ARGUMENT),
    OVER_TAKE_LIMIT("Q106", 400, Titles.ARGUMENT),
    OVER_DEPTH_LIMIT("Q107", 400, Titles.ARGUMENT),
    MISSING_ARGUMENT("Q108", 400, Titles.ARGUMENT),
    CONFLICTING_ARGUMENTS("Q109", 400, Titles.ARGUMENT),
    UNKNOWN_MODEL("Q110", 400, Titles.ARGUMENT),
    UNKNOWN_OPERATION("Q111", 400, Titles.ARGUMENT),
    OVER_FILTER_NODE_LIMIT("Q120", 400, Titles.ARGUMENT),
    OVER_ROW_LIMIT("Q130", 400, Titles.ARGUMENT),
    OVER_RESPONSE_SIZE("Q131", 400, Titles.ARGUMENT),
    OVER_SKIP_LIMIT("Q132", 400, Titles.ARGUMENT),
    OVER_LIST_VALUES_LIMIT("Q133", 400, Titles.ARGUMENT),
    OVER_TRANSACTION_OPERATIONS_LIMIT("Q134", 400, Titles.ARGUMENT),
    CSV_NOT_FLAT("Q160", 400, Titles.ARGUMENT),
    /** A bulk import's NDJSON line that is not one JSON object. */
    BULK_LINE_NOT_OBJECT("Q170", 400, Titles.ARGUMENT),
    /**
     * A bulk import's CSV that does not parse: an unclosed quote, a record with more or fewer fields than the
     * header.
     */
    BULK_CSV_MALFORMED("Q171", 400, Titles.ARGUMENT),
    /** Prisma's own code for arguments each valid alone but not together (groupBy's orderBy outside by). */
    INPUT_ERROR("P2019", 400, Titles.ARGUMENT),
    MISSING_VALUE("P2012", 400, Titles.ARGUMENT),

    // --- a value the data or the database refused (400) ---
    /**
     * A value the database refused after planning accepted it (a full-text query's syntax, an overflow in
     * arithmetic).
     */
    VALUE_REFUSED("Q112", 400, Titles.VALUE),
    RULE_BROKEN("Q180", 400, Titles.VALUE),
    VALUE_TOO_LONG("P2000", 400, Titles.VALUE),
    CONSTRAINT_FAILED("P2004", 400, Titles.VALUE),
    DATA_VALIDATION("P2007", 400, Titles.VALUE),
    NULL_VALUE("P2011", 400, Titles.VALUE),
    VALUE_OUT_OF_RANGE("P2020", 400, Titles.VALUE),
    TABLE_MISSING("P2021", 400, Titles.VALUE),
    COLUMN_MISSING("P2022", 400, Titles.VALUE),
    /** Prisma's code for any other database error: an aggregate PostgreSQL has no function for. */
    DATABASE_ERROR("P2039", 400, Titles.VALUE),

    // --- records and routes ---
    RECORD_NOT_FOUND("P2025", 404, "Record not found"),
    CONNECTED_RECORDS_NOT_FOUND("P2018", 404, "Record not found"),
    /** A to-many nested delete of a record that is not one of the parent's. */
    RECORDS_NOT_CONNECTED("P2017", 404, "Record not found"),
    RESERVED_PATH("Q113", 404, "Reserved path"),
    UNIQUE_VIOLATION("P2002", 409, Titles.CONFLICT),
    FOREIGN_KEY_VIOLATION("P2003", 409, Titles.CONFLICT),
    REQUIRED_RELATION_VIOLATION("P2014", 409, Titles.CONFLICT),
    WRITE_CONFLICT("P2034", 409, Titles.CONFLICT),
    PRECONDITION_FAILED("Q412", 412, "Precondition Failed"),
    TRANSACTION_TIMED_OUT("P2028", 408, "Transaction timed out"),

    // --- who may do what ---
    UNAUTHORIZED("Q401", 401, "Unauthorized"),
    FORBIDDEN("Q403", 403, "Forbidden"),
    SOFT_DELETE_REFUSED("Q190", 403, "Forbidden"),

    // --- the request itself, as HTTP sees it ---
    BAD_REQUEST("Q400", 400, "Bad Request"),
    NOT_FOUND("Q404", 404, "Not Found"),
    METHOD_NOT_ALLOWED("Q405", 405, "Method Not Allowed"),
    NOT_ACCEPTABLE("Q406", 406, "Not Acceptable"),
    PAYLOAD_TOO_LARGE("Q413", 413, "Payload Too Large"),
    BULK_BODY_TOO_LARGE("Q172", 413, "Payload Too Large"),
    URI_TOO_LONG("Q414", 414, "URI Too Long"),
    UNSUPPORTED_MEDIA_TYPE("Q415", 415, "Unsupported Media Type"),

    // --- the server and its database ---
    INTERNAL("Q500", 500, "Internal error"),
    /**
     * The database is down, restarting, out of connections, or a statement ran past its timeout: worth another try.
     */
    DATABASE_UNAVAILABLE("Q503", 503, "Database unavailable", true),
    POOL_TIMEOUT("P2024", 503, "Database unavailable", true),
    SCHEMA_BEHIND("schema-behind", 503, "Schema behind", true),
    STREAM_TIMED_OUT("Q161", 503, "Stream timeout");

    public static final String TYPE_BASE = "https://quarry.dev/problems/";

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final int status;
    private final String title;
    private final boolean retryLater;

    ErrorCode(String code, int status, String title) {
        this(code, status, title, false);
    }

    ErrorCode(String code, int status, String title, boolean retryLater) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.retryLater = retryLater;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type}: one rule for every code. */
    public String type() {
        return TYPE_BASE + code;
    }

    /** Whether the answer tells the client to try again later ({@code Retry-After}). */
    public boolean retryLater() {
        return retryLater;
    }

    public static Optional<ErrorCode> find(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * The code of an HTTP status the framework itself answered with ({@code Q} and the status), else a plain 400 or
     * 500.
     */
    public static ErrorCode ofHttpStatus(int status) {
        return find("Q" + status).filter(c -> c.status == status).orElse(status >= 500 ? INTERNAL : BAD_REQUEST);
    }

    private static final class Titles {
        static final String ARGUMENT = "Invalid query argument";
        static final String VALUE = "Invalid value";
        static final String CONFLICT = "Conflict";
    }
}
