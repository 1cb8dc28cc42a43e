package dev.quarry.query;

import dev.quarry.error.ErrorCode;
import java.util.List;
import java.util.Map;

/** Every client-mistake message of the query stage, so the wording and the codes live in one place. */
public final class QueryErrors {

    private QueryErrors() {}

    public static QueryException malformedJson(ArgPath at, String reason) {
        return at.error(ErrorCode.MALFORMED_JSON, at.display() + " is not valid JSON: " + reason, List.of());
    }

    /** The curl shorthand ({@code include=posts(author)}, {@code filter[a][gte]=1}) does not parse. */
    public static QueryException malformedShorthand(ArgPath at, String reason) {
        return at.error(
                ErrorCode.MALFORMED_JSON,
                at.display() + " is not valid (JSON, or the shorthand such as posts(id,title)): " + reason,
                List.of());
    }

    public static QueryException unknownArgument(ArgPath at, String name, List<String> allowed) {
        return at.error(ErrorCode.UNKNOWN_ARGUMENT, "Unknown argument '" + name + "' at " + at.display(), allowed);
    }

    public static QueryException unknownField(ArgPath at, String model, String name, List<String> allowed) {
        return at.error(
                ErrorCode.UNKNOWN_FIELD,
                "Unknown field '" + name + "' of model " + model + " at " + at.display(),
                allowed);
    }

    public static QueryException unknownOperator(ArgPath at, String operator, String fieldKind, List<String> allowed) {
        return at.error(
                ErrorCode.UNKNOWN_OPERATOR,
                "Operator '" + operator + "' is not allowed on " + fieldKind + " at " + at.display(),
                allowed);
    }

    public static QueryException wrongType(ArgPath at, String expected) {
        return at.error(ErrorCode.WRONG_TYPE, "Expected " + expected + " at " + at.display(), List.of(expected));
    }

    public static QueryException outOfRange(ArgPath at, String type, String range) {
        return at.error(
                ErrorCode.OUT_OF_RANGE,
                "Value out of range for " + type + " at " + at.display() + " (" + range + ")",
                List.of(range));
    }

    public static QueryException overTakeLimit(ArgPath at, long take, int maxTake) {
        return at.error(
                ErrorCode.OVER_TAKE_LIMIT,
                "take " + take + " is above the maximum of " + maxTake + " (quarry.api.max-take) at " + at.display(),
                List.of("-" + maxTake + ".." + maxTake));
    }

    public static QueryException overDepthLimit(ArgPath at, int maxDepth) {
        return at.error(
                ErrorCode.OVER_DEPTH_LIMIT,
                "Relations are nested deeper than the maximum of " + maxDepth + " (quarry.api.max-depth) at "
                        + at.display(),
                List.of("depth <= " + maxDepth));
    }

    public static QueryException overFilterNodeLimit(ArgPath at, int maxNodes) {
        return at.error(
                ErrorCode.OVER_FILTER_NODE_LIMIT,
                "The filters of this request have more than the maximum of " + maxNodes
                        + " conditions together (quarry.api.max-filter-nodes), counted up to " + at.display(),
                List.of("at most " + maxNodes + " keys (fields, operators, AND/OR/NOT) in all filters of a request"));
    }

    /**
     * A list of the answer (at {@code listPath}, a JSON path such as {@code $[*].posts[*].author.posts}) has more
     * rows than {@code maxRows}; located in the answer, not in the request.
     */
    public static QueryException overRowLimit(String listPath, int maxRows) {
        return new QueryException(new QueryError(
                ErrorCode.OVER_ROW_LIMIT,
                "answer",
                listPath,
                "The list at " + listPath + " of the answer has more than the maximum of " + maxRows
                        + " rows (quarry.api.max-rows); page it with take (at most " + maxRows + ") and cursor or skip",
                List.of("take <= " + maxRows)));
    }

    public static QueryException overResponseSize(long bytes, long maxBytes) {
        return new QueryException(new QueryError(
                ErrorCode.OVER_RESPONSE_SIZE,
                "answer",
                "",
                "The answer would be " + bytes + " bytes, over the maximum of " + maxBytes
                        + " (quarry.api.max-response-bytes); ask for fewer rows (take and cursor) or fewer fields "
                        + "(select)",
                List.of("at most " + maxBytes + " bytes")));
    }

    public static QueryException overSkipLimit(ArgPath at, long skip, long maxSkip) {
        return at.error(
                ErrorCode.OVER_SKIP_LIMIT,
                "skip " + skip + " is above the maximum of " + maxSkip + " (quarry.api.max-skip) at " + at.display()
                        + "; page further with cursor",
                List.of("0.." + maxSkip));
    }

    public static QueryException overListValuesLimit(ArgPath at, int maxValues) {
        return at.error(
                ErrorCode.OVER_LIST_VALUES_LIMIT,
                "The lists of this request (in, notIn, hasSome, hasEvery) have more than the maximum of " + maxValues
                        + " values together (quarry.api.max-list-values), counted up to " + at.display(),
                List.of("at most " + maxValues + " list values in a request"));
    }

    public static QueryException overTransactionOperationsLimit(ArgPath at, int operations, int maxOperations) {
        return at.error(
                ErrorCode.OVER_TRANSACTION_OPERATIONS_LIMIT,
                "The $transaction has " + operations + " operations, above the maximum of " + maxOperations
                        + " (quarry.api.max-transaction-operations) at " + at.display()
                        + "; split it into several transactions",
                List.of("at most " + maxOperations + " operations"));
    }

    public static QueryException missingArgument(ArgPath at, String what, List<String> allowed) {
        return at.error(ErrorCode.MISSING_ARGUMENT, "Missing " + what + " at " + at.display(), allowed);
    }

    public static QueryException conflicting(ArgPath at, String message) {
        return at.error(ErrorCode.CONFLICTING_ARGUMENTS, message + " at " + at.display(), List.of());
    }

    /**
     * {@code Accept: text/csv} with a selection that nests (a relation, {@code _count}): a row is not one line of
     * columns.
     */
    public static QueryException bulkLineNotObject(String reason) {
        return ArgPath.of("body")
                .error(
                        ErrorCode.BULK_LINE_NOT_OBJECT,
                        "Each line of an application/x-ndjson import must be one JSON object: " + reason,
                        List.of("one JSON object per line"));
    }

    public static QueryException bulkCsvMalformed(String reason) {
        return ArgPath.ofText("body")
                .error(
                        ErrorCode.BULK_CSV_MALFORMED,
                        "The text/csv import does not parse (RFC 4180): " + reason,
                        List.of("a header row of field names, then one record per row"));
    }

    public static QueryException csvNotFlat(String key) {
        ArgPath at = ArgPath.ofText("select");
        return at.error(
                ErrorCode.CSV_NOT_FLAT,
                "text/csv needs a flat selection (scalar fields only), but '" + key
                        + "' nests; ask for application/x-ndjson or application/json instead",
                List.of("scalar fields"));
    }

    public static QueryException invalid(ArgPath at, String message, List<String> allowed) {
        return at.error(ErrorCode.WRONG_TYPE, message + " at " + at.display(), allowed);
    }

    /** Prisma's P2019, with its {@code meta}: the model and the details. */
    public static QueryException inputError(ArgPath at, String model, String details, List<String> allowed) {
        return new QueryException(new QueryError(
                ErrorCode.INPUT_ERROR,
                at.parameter(),
                at.path(),
                "Input error. " + details + " at " + at.display(),
                allowed,
                Map.of("modelName", model, "details", details)));
    }

    public static QueryException unknownModel(ArgPath at, String name, List<String> allowed) {
        return at.error(ErrorCode.UNKNOWN_MODEL, "Unknown model '" + name + "'", allowed);
    }

    public static QueryException unknownOperation(ArgPath at, String name, List<String> allowed) {
        return at.error(ErrorCode.UNKNOWN_OPERATION, "Unknown or unsupported operation '" + name + "'", allowed);
    }
}
