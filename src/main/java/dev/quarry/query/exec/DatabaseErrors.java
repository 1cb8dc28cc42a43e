package dev.quarry.query.exec;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.write.RuleChecks;
import dev.quarry.query.write.WriteError;
import dev.quarry.schema.model.DataRule;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLSTATE → Prisma's error codes, with {@code meta} in schema terms (field names, not columns). Unlike Prisma 7,
 * whose P2002 has no {@code target}, Quarry names the fields of the violated unique constraint.
 */
public final class DatabaseErrors {

    private static final Pattern KEY_COLUMNS = Pattern.compile("Key \\((.+?)\\)=");
    private static final Pattern MISSING_TABLE = Pattern.compile("relation \"(.+?)\" does not exist");
    /**
     * {@code column t0.size does not exist} (a read), {@code column "size" of relation "Blob" does not exist} (a
     * write).
     */
    private static final Pattern MISSING_COLUMN =
            Pattern.compile("column (?:\"(.+?)\" of relation \"(.+?)\"|(?:[^ .]+\\.)?\"?([^ \"]+)\"?) does not exist");

    private final Schema schema;

    public DatabaseErrors(Schema schema) {
        this.schema = schema;
    }

    /** Serialization failures and deadlocks: the transaction may simply be run again. */
    public static boolean retryable(Throwable e) {
        return SqlCondition.of(e) == SqlCondition.TRANSACTION_ROLLBACK;
    }

    public static boolean uniqueViolation(Throwable e) {
        return SqlCondition.of(e) == SqlCondition.UNIQUE_VIOLATION;
    }

    /**
     * A table or column the schema names and the database lacks (a view never created, a migration not applied):
     * Prisma's P2021 and P2022, a 400 with {@code meta} {@code modelName} and {@code table} or {@code column}.
     */
    private Optional<WriteError> missingInDatabase(PgException e) {
        String message = String.valueOf(e.getErrorMessage());
        Map<String, Object> meta = new LinkedHashMap<>();
        SqlCondition condition = SqlCondition.of(e);
        if (condition == SqlCondition.UNDEFINED_TABLE) {
            Matcher m = MISSING_TABLE.matcher(message);
            String table = m.find() ? m.group(1) : "";
            modelOf(table.substring(table.lastIndexOf('.') + 1))
                    .ifPresent(model -> meta.put("modelName", model.name()));
            meta.put("table", table);
            meta.put("driverAdapterError", missingCause(e, "TableDoesNotExist", "table", table));
            return Optional.of(new WriteError(
                    ErrorCode.TABLE_MISSING,
                    "The table `" + table + "` does not exist in the current database.",
                    meta));
        }
        if (condition == SqlCondition.UNDEFINED_COLUMN) {
            Matcher m = MISSING_COLUMN.matcher(message);
            if (!m.find()) {
                return Optional.empty();
            }
            String column = m.group(1) != null ? m.group(1) : m.group(3);
            Optional<Model> model = m.group(2) != null
                    ? modelOf(m.group(2))
                    : schema.models().stream()
                            .filter(candidate -> candidate.scalarFields().stream()
                                    .anyMatch(f -> f.dbName().equals(column)))
                            .findFirst();
            model.ifPresent(found -> meta.put("modelName", found.name()));
            meta.put("column", model.map(found -> found.dbName() + ".").orElse("") + column);
            meta.put("driverAdapterError", missingCause(e, "ColumnNotFound", "column", meta.get("column")));
            return Optional.of(new WriteError(
                    ErrorCode.COLUMN_MISSING,
                    "The column `" + meta.get("column") + "` does not exist in the current database.",
                    meta));
        }
        return Optional.empty();
    }

    /**
     * Prisma 7's {@code meta.driverAdapterError} for a missing table or column: the adapter's kind and what is
     * missing.
     */
    private static Map<String, Object> missingCause(PgException e, String kind, String key, Object missing) {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("originalCode", e.getSqlState());
        cause.put("originalMessage", String.valueOf(e.getErrorMessage()));
        cause.put("kind", kind);
        cause.put(key, missing);
        return Map.of("name", "DriverAdapterError", "cause", cause);
    }

    /**
     * The write error for a database error, or empty when it is not the client's doing (a bug: the caller reports a
     * 500).
     */
    public Optional<WriteError> map(PgException e) {
        Optional<WriteError> missing = missingInDatabase(e);
        if (missing.isPresent()) {
            return missing;
        }
        SqlCondition condition = SqlCondition.of(e);
        Optional<Model> model = modelOf(e.getTable());
        String modelName = model.map(Model::name).orElse(String.valueOf(e.getTable()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("modelName", modelName);
        adapterError(condition, e).ifPresent(cause -> meta.put("driverAdapterError", cause));
        switch (condition) {
            case UNIQUE_VIOLATION: {
                List<String> target = model.map(m -> uniqueFields(m, e)).orElse(List.of());
                meta.put("target", target);
                return Optional.of(new WriteError(
                        ErrorCode.UNIQUE_VIOLATION,
                        "Unique constraint failed on the fields: (" + String.join(", ", target) + ")",
                        meta));
            }
            case FOREIGN_KEY_VIOLATION: {
                meta.put("field_name", String.valueOf(e.getConstraint()));
                model.flatMap(m -> foreignKeyField(m, e.getConstraint())).ifPresent(f -> meta.put("relation", f));
                return Optional.of(new WriteError(
                        ErrorCode.FOREIGN_KEY_VIOLATION,
                        "Foreign key constraint violated on the constraint: " + e.getConstraint(),
                        meta));
            }
            case NOT_NULL_VIOLATION: {
                String field = model.map(m -> fieldOfColumn(m, e.getColumn())).orElse(String.valueOf(e.getColumn()));
                meta.put("constraint", List.of(field));
                return Optional.of(new WriteError(
                        ErrorCode.NULL_VALUE, "Null constraint violation on the fields: (" + field + ")", meta));
            }
            case CHECK_VIOLATION:
                meta.put("constraint", String.valueOf(e.getConstraint()));
                Optional<Map.Entry<DataRule, Optional<String>>> rule =
                        model.flatMap(m -> RuleChecks.ruleOf(m, String.valueOf(e.getConstraint())));
                if (rule.isPresent()) {
                    rule.get().getValue().ifPresent(field -> meta.put("field", field));
                    meta.put("rule", rule.get().getKey().source());
                    String where =
                            modelName + rule.get().getValue().map(f -> "." + f).orElse("");
                    String why = rule.get().getKey() instanceof DataRule.FieldRule f
                            ? ": " + f.requirement()
                            : rule.get().getKey() instanceof DataRule.Validate v
                                            && v.message().isPresent()
                                    ? ": " + v.message().get()
                                    : "";
                    return Optional.of(new WriteError(
                            ErrorCode.RULE_BROKEN,
                            "The write breaks the rule " + rule.get().getKey().source() + " of " + where + why,
                            meta));
                }
                return Optional.of(new WriteError(
                        ErrorCode.CONSTRAINT_FAILED,
                        "A constraint failed on the database: " + e.getConstraint(),
                        meta));
            case STRING_DATA_RIGHT_TRUNCATION:
                return Optional.of(new WriteError(
                        ErrorCode.VALUE_TOO_LONG,
                        "The provided value for the column is too long: " + e.getErrorMessage(),
                        meta));
            case NUMERIC_VALUE_OUT_OF_RANGE:
            case DIVISION_BY_ZERO:
                return Optional.of(new WriteError(
                        ErrorCode.VALUE_OUT_OF_RANGE, "Value out of range for the type: " + e.getErrorMessage(), meta));
            case INSUFFICIENT_PRIVILEGE:
                return Optional.of(forbidden(e));
            case QUERY_CANCELED:
                return Optional.of(statementTimeout());
            case TRANSACTION_ROLLBACK:
                return Optional.of(new WriteError(
                        ErrorCode.WRITE_CONFLICT,
                        "Transaction failed due to a write conflict or a deadlock. Please retry your " + "transaction",
                        meta));
            case INVALID_TEXT_REPRESENTATION:
                return Optional.of(invalidInput(e, meta));
            case DATA_EXCEPTION:
                return Optional.of(new WriteError(
                        ErrorCode.DATA_VALIDATION, "Data validation error: " + e.getErrorMessage(), meta));
            case UNAVAILABLE:
                return Optional.of(unavailable());
            default:
                return Optional.empty();
        }
    }

    /**
     * The error for a database error of a read of {@code model}: a table or column missing, or a value of the
     * filter its column's type refuses, with Prisma 7's code and {@code meta} ({@code P2007} for a text that is no
     * value of the type, {@code P2020} for a number out of its range). Empty for the rest, which {@link
     * #forRead(PgException)} maps.
     */
    public Optional<WriteError> forRead(Model model, PgException e) {
        Optional<WriteError> missing = missingInDatabase(e);
        if (missing.isPresent()) {
            return missing;
        }
        SqlCondition condition = SqlCondition.of(e);
        if (condition != SqlCondition.INVALID_TEXT_REPRESENTATION
                && condition != SqlCondition.NUMERIC_VALUE_OUT_OF_RANGE) {
            return Optional.empty();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("modelName", model.name());
        adapterError(condition, e).ifPresent(cause -> meta.put("driverAdapterError", cause));
        return Optional.of(
                condition == SqlCondition.INVALID_TEXT_REPRESENTATION
                        ? invalidInput(e, meta)
                        : new WriteError(
                                ErrorCode.VALUE_OUT_OF_RANGE,
                                "Value out of range for the type: " + e.getErrorMessage(),
                                meta));
    }

    private static WriteError invalidInput(PgException e, Map<String, Object> meta) {
        return new WriteError(ErrorCode.DATA_VALIDATION, "Invalid input value: " + e.getErrorMessage(), meta);
    }

    /**
     * The error for a database error of a read, or empty when it is not the client's doing (a bug: the caller
     * reports a 500). A read's refused value is {@code Q112} with the SQLSTATE, not one of the write codes.
     */
    public static Optional<WriteError> forRead(PgException e) {
        SqlCondition condition = SqlCondition.of(e);
        if (condition == SqlCondition.INSUFFICIENT_PRIVILEGE) {
            WriteError denied = forbidden(e);
            return Optional.of(
                    new WriteError(denied.code(), denied.message().replace("write", "request"), denied.meta()));
        }
        if (condition == SqlCondition.QUERY_CANCELED) {
            return Optional.of(statementTimeout());
        }
        if (condition == SqlCondition.UNAVAILABLE) {
            return Optional.of(unavailable());
        }
        if (condition == SqlCondition.UNDEFINED_FUNCTION) {
            return Optional.of(new WriteError(
                    ErrorCode.DATABASE_ERROR,
                    "Database error. Code: `" + e.getSqlState() + "`. Message: `" + e.getErrorMessage() + "`",
                    Map.of("driverAdapterError", adapterError(condition, e).orElseThrow())));
        }
        if (condition.refusedValue()) {
            return Optional.of(new WriteError(
                    ErrorCode.VALUE_REFUSED,
                    "The database refused a value: " + e.getErrorMessage(),
                    Map.of("sqlState", String.valueOf(e.getSqlState()))));
        }
        return Optional.empty();
    }

    /** The database is down, restarting or out of connections: worth another try, here or on another instance. */
    public static WriteError unavailable() {
        return new WriteError(
                ErrorCode.DATABASE_UNAVAILABLE, "The database is unreachable or overloaded; retry later.", Map.of());
    }

    /**
     * Prisma 7's {@code meta.driverAdapterError} (what {@code @prisma/adapter-pg} reports): the adapter's name for
     * the failure ({@code kind}), PostgreSQL's code and message, and the keys that kind carries: the constraint's
     * name, the column, the message again, or for the generic {@code postgres} kind the error's fields as they came.
     */
    private static Optional<Map<String, Object>> adapterError(SqlCondition condition, PgException e) {
        if (condition.adapterKind().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("originalCode", e.getSqlState());
        cause.put("originalMessage", String.valueOf(e.getErrorMessage()));
        cause.put("kind", condition.adapterKind().get());
        if (e.getConstraint() != null
                && (condition == SqlCondition.UNIQUE_VIOLATION || condition == SqlCondition.FOREIGN_KEY_VIOLATION)) {
            cause.put("constraint", Map.of("index", e.getConstraint()));
        }
        if (condition == SqlCondition.UNIQUE_VIOLATION && e.getTable() != null) {
            cause.put("table", e.getTable());
        }
        switch (condition) {
            case STRING_DATA_RIGHT_TRUNCATION:
                putPresent(cause, "column", e.getColumn());
                break;
            case NUMERIC_VALUE_OUT_OF_RANGE:
                cause.put("cause", String.valueOf(e.getErrorMessage()));
                break;
            case INVALID_TEXT_REPRESENTATION:
                cause.put("message", String.valueOf(e.getErrorMessage()));
                break;
            case CHECK_VIOLATION:
                cause.put("code", e.getSqlState());
                putPresent(cause, "severity", e.getSeverity());
                cause.put("message", String.valueOf(e.getErrorMessage()));
                putPresent(cause, "detail", e.getDetail());
                putPresent(cause, "column", e.getColumn());
                putPresent(cause, "hint", e.getHint());
                break;
            default:
                break;
        }
        return Optional.of(Map.of("name", "DriverAdapterError", "cause", cause));
    }

    private static void putPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * Insufficient privilege: a GRANT is missing, or a row-level security policy refused the row. Never the SQL
     * text.
     */
    public static WriteError forbidden(PgException e) {
        boolean policy = String.valueOf(e.getErrorMessage()).contains("row-level security");
        return new WriteError(
                ErrorCode.FORBIDDEN,
                policy
                        ? "A row-level security policy of the database refused this write"
                        : "The database role of this request may not do this (no GRANT for it)",
                Map.of("reason", policy ? "row-level-security" : "privilege"));
    }

    /** 57014: the statement ran past {@code statement_timeout} (quarry.api.statement-timeout). */
    public static WriteError statementTimeout() {
        return new WriteError(
                ErrorCode.DATABASE_UNAVAILABLE,
                "The statement ran longer than the statement timeout and was cancelled; retry later or ask "
                        + "for less",
                Map.of("reason", "statement-timeout"));
    }

    private Optional<Model> modelOf(String table) {
        if (table == null) {
            return Optional.empty();
        }
        return schema.findModelByTable(table);
    }

    /**
     * The fields of the violated constraint: by its name as Prisma names constraints, else by the columns in the
     * message.
     */
    private static List<String> uniqueFields(Model model, PgException e) {
        String constraint = String.valueOf(e.getConstraint());
        if (model.primaryKey().isPresent()
                && constraint.equals(model.primaryKey().get().map().orElse(model.dbName() + "_pkey"))) {
            return model.primaryKey().get().fieldNames();
        }
        for (UniqueConstraint u : model.uniques()) {
            List<String> columns = u.fieldNames().stream()
                    .map(f -> model.scalarField(f).dbName())
                    .toList();
            if (constraint.equals(u.map().orElse(model.dbName() + "_" + String.join("_", columns) + "_key"))) {
                return u.fieldNames();
            }
        }
        List<String> out = new ArrayList<>();
        Matcher m = KEY_COLUMNS.matcher(String.valueOf(e.getDetail()));
        if (m.find()) {
            for (String column : m.group(1).split(",\\s*")) {
                out.add(fieldOfColumn(model, column.replace("\"", "")));
            }
        }
        return out;
    }

    private static String fieldOfColumn(Model model, String column) {
        return model.scalarFields().stream()
                .filter(f -> f.dbName().equals(column))
                .map(ScalarField::name)
                .findFirst()
                .orElse(String.valueOf(column));
    }

    private static Optional<String> foreignKeyField(Model model, String constraint) {
        for (RelationField rf : model.relationFields()) {
            List<String> columns = rf.fields().stream()
                    .map(f -> model.findScalarField(f).map(ScalarField::dbName).orElse(f))
                    .toList();
            if (!rf.fields().isEmpty()
                    && String.valueOf(constraint)
                            .equals(rf.map().orElse(model.dbName() + "_" + String.join("_", columns) + "_fkey"))) {
                return Optional.of(rf.name());
            }
        }
        return Optional.empty();
    }
}
