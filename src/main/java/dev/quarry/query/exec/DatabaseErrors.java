package dev.quarry.query.exec;

import dev.quarry.query.write.WriteError;
import dev.quarry.runtime.ops.DatabaseAvailability;
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
import dev.quarry.query.write.RuleChecks;
import dev.quarry.schema.model.DataRule;

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
    private static final Pattern MISSING_COLUMN = Pattern.compile("column (?:\"(.+?)\" of relation \"(.+?)\"|(?:[^ .]+\\.)?\"?([^ \"]+)\"?) does not exist");

    private final Schema schema;

    public DatabaseErrors(Schema schema) {
        this.schema = schema;
    }

    /** Serialization failures and deadlocks: the transaction may simply be run again. */
    public static boolean retryable(Throwable e) {
        return e instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
    }

    public static boolean uniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    /**
     * A table or column the schema names and the database lacks (a view never created, a migration not applied):
     * Prisma's P2021 and P2022, a 400 with {@code meta} {@code modelName} and {@code table} or {@code column}.
     */
    public Optional<WriteError> missingInDatabase(PgException e) {
        String message = String.valueOf(e.getErrorMessage());
        Map<String, Object> meta = new LinkedHashMap<>();
        if ("42P01".equals(e.getSqlState())) {
            Matcher m = MISSING_TABLE.matcher(message);
            String table = m.find() ? m.group(1) : "";
            modelOf(table.substring(table.lastIndexOf('.') + 1)).ifPresent(model -> meta.put("modelName", model.name()));
            meta.put("table", table);
            return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2021", "The table `" + table + "` does not exist in the current database.", meta));
        }
        if ("42703".equals(e.getSqlState())) {
            Matcher m = MISSING_COLUMN.matcher(message);
            if (!m.find()) {
                return Optional.empty();
            }
            String column = m.group(1) != null ? m.group(1) : m.group(3);
            Optional<Model> model = m.group(2) != null ? modelOf(m.group(2))
                    : schema.models().stream().filter(candidate -> candidate.scalarFields().stream().anyMatch(f -> f.dbName().equals(column))).findFirst();
            model.ifPresent(found -> meta.put("modelName", found.name()));
            meta.put("column", model.map(found -> found.dbName() + ".").orElse("") + column);
            return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2022", "The column `" + meta.get("column") + "` does not exist in the current database.", meta));
        }
        return Optional.empty();
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
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        Optional<Model> model = modelOf(e.getTable());
        String modelName = model.map(Model::name).orElse(String.valueOf(e.getTable()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("modelName", modelName);
        adapterError(state, e).ifPresent(cause -> meta.put("driverAdapterError", cause));
        switch (state) {
            case "23505": {
                List<String> target = model.map(m -> uniqueFields(m, e)).orElse(List.of());
                meta.put("target", target);
                return Optional.of(new WriteError(WriteError.Kind.CONFLICT, "P2002",
                        "Unique constraint failed on the fields: (" + String.join(", ", target) + ")", meta));
            }
            case "23503": {
                meta.put("field_name", String.valueOf(e.getConstraint()));
                model.flatMap(m -> foreignKeyField(m, e.getConstraint())).ifPresent(f -> meta.put("relation", f));
                return Optional.of(new WriteError(WriteError.Kind.CONFLICT, "P2003",
                        "Foreign key constraint violated on the constraint: " + e.getConstraint(), meta));
            }
            case "23502": {
                String field = model.map(m -> fieldOfColumn(m, e.getColumn())).orElse(String.valueOf(e.getColumn()));
                meta.put("constraint", List.of(field));
                return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2011", "Null constraint violation on the fields: (" + field + ")", meta));
            }
            case "23514":
                meta.put("constraint", String.valueOf(e.getConstraint()));
                Optional<Map.Entry<DataRule, Optional<String>>> rule =
                        model.flatMap(m -> RuleChecks.ruleOf(m, String.valueOf(e.getConstraint())));
                if (rule.isPresent()) {
                    rule.get().getValue().ifPresent(field -> meta.put("field", field));
                    meta.put("rule", rule.get().getKey().source());
                    String where = modelName + rule.get().getValue().map(f -> "." + f).orElse("");
                    String why = rule.get().getKey() instanceof DataRule.FieldRule f ? ": " + RuleChecks.explain(f)
                            : rule.get().getKey() instanceof DataRule.Validate v && v.message().isPresent() ? ": " + v.message().get() : "";
                    return Optional.of(new WriteError(WriteError.Kind.INVALID, RuleChecks.RULE_BROKEN,
                            "The write breaks the rule " + rule.get().getKey().source() + " of " + where + why, meta));
                }
                return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2004", "A constraint failed on the database: " + e.getConstraint(), meta));
            case "22001":
                return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2000", "The provided value for the column is too long: " + e.getErrorMessage(), meta));
            case "22003":
            case "22012":
                return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2020", "Value out of range for the type: " + e.getErrorMessage(), meta));
            case "42501":
                return Optional.of(forbidden(e));
            case "57014":
                return Optional.of(statementTimeout());
            case "40001":
            case "40P01":
                return Optional.of(new WriteError(WriteError.Kind.CONFLICT, "P2034",
                        "Transaction failed due to a write conflict or a deadlock. Please retry your "
                                + "transaction", Map.of()));
            default:
                break;
        }
        if (state.startsWith("22")) {
            return Optional.of(new WriteError(WriteError.Kind.INVALID, "P2007", "Data validation error: " + e.getErrorMessage(), meta));
        }
        if (DatabaseAvailability.isUnavailable(e)) {
            return Optional.of(new WriteError(WriteError.Kind.UNAVAILABLE, "Q503", "The database is unreachable or overloaded; retry later.", Map.of()));
        }
        return Optional.empty();
    }

    /**
     * Prisma 7's {@code meta.driverAdapterError} for a constraint the database enforced: the driver adapter's name
     * for the failure ({@code kind}), PostgreSQL's code and message, and the constraint's name where there is one.
     */
    private static Optional<Map<String, Object>> adapterError(String state, PgException e) {
        String kind = switch (state) {
            case "22001" -> "LengthMismatch";
            case "23502" -> "NullConstraintViolation";
            case "23505" -> "UniqueConstraintViolation";
            case "23503" -> "ForeignKeyConstraintViolation";
            case "23514" -> "CheckConstraintViolation";
            case "22003" -> "ValueOutOfRange";
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("originalCode", state);
        cause.put("originalMessage", String.valueOf(e.getErrorMessage()));
        cause.put("kind", kind);
        if (e.getConstraint() != null && (state.equals("23505") || state.equals("23503"))) {
            cause.put("constraint", Map.of("index", e.getConstraint()));
        }
        if (state.equals("23505") && e.getTable() != null) {
            cause.put("table", e.getTable());
        }
        return Optional.of(Map.of("name", "DriverAdapterError", "cause", cause));
    }

    /**
     * Insufficient privilege: a GRANT is missing, or a row-level security policy refused the row. Never the SQL
     * text.
     */
    public static WriteError forbidden(PgException e) {
        boolean policy = String.valueOf(e.getErrorMessage()).contains("row-level security");
        return new WriteError(WriteError.Kind.FORBIDDEN, "Q403", policy
                ? "A row-level security policy of the database refused this write"
                : "The database role of this request may not do this (no GRANT for it)", Map.of("reason", policy ? "row-level-security" : "privilege"));
    }

    /** 57014: the statement ran past {@code statement_timeout} (quarry.api.statement-timeout). */
    public static WriteError statementTimeout() {
        return new WriteError(WriteError.Kind.UNAVAILABLE, "Q503", "The statement ran longer than the statement timeout and was cancelled; retry later or ask for less",
                Map.of("reason", "statement-timeout"));
    }

    private Optional<Model> modelOf(String table) {
        if (table == null) {
            return Optional.empty();
        }
        return schema.models().stream().filter(m -> m.dbName().equals(table)).findFirst();
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
            List<String> columns = u.fieldNames().stream().map(f -> model.scalarField(f).dbName()).toList();
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
        return model.scalarFields().stream().filter(f -> f.dbName().equals(column)).map(ScalarField::name).findFirst().orElse(String.valueOf(column));
    }

    private static Optional<String> foreignKeyField(Model model, String constraint) {
        for (RelationField rf : model.relationFields()) {
            List<String> columns = rf.fields().stream().map(f -> model.findScalarField(f).map(ScalarField::dbName).orElse(f)).toList();
            if (!rf.fields().isEmpty() && String.valueOf(constraint).equals(rf.map().orElse(model.dbName() + "_" + String.join("_", columns) + "_fkey"))) {
                return Optional.of(rf.name());
            }
        }
        return Optional.empty();
    }
}
