package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A partial index's {@code where:} (preview feature {@code partialIndexes}) → the SQL predicate Prisma writes
 * A partial index's {@code where:} (preview feature {@code partialIndexes}) → the SQL predicate Prisma writes
 * inside {@code WHERE (…)}: {@code raw("…")} as written; the object form {@code { deletedAt: null, published: {
 * not: false } }} as Prisma renders it, {@code "deletedAt" IS NULL AND "published" != false}. The messages are
 * Prisma 7.10's; its early plain-string form ({@code where: "…"}, in prisma-engines' first fixtures) is rejected as
 * Prisma 7 rejects it.
 */
final class IndexPredicates {

    private final Context ctx;
    private final boolean enabled;

    IndexPredicates(Context ctx, Set<String> previewFeatures) {
        this.ctx = ctx;
        this.enabled = previewFeatures.contains("partialIndexes");
    }

    /**
     * The predicate; empty (with an error reported) when {@code where} is not a valid one, or valid without the
     * preview feature (Prisma checks the form first).
     */
    Optional<String> resolve(Expr where, ModelDraft model, Attribute attribute, String attributeName) {
        Optional<String> predicate = predicate(where, model, attribute, attributeName);
        if (predicate.isPresent() && !enabled) {
            return error(
                    attribute,
                    attributeName,
                    "Partial indexes are a preview feature. Add \"partialIndexes\" to previewFeatures in "
                            + "your "
                            + "generator block.");
        }
        return predicate;
    }

    private Optional<String> predicate(Expr where, ModelDraft model, Attribute attribute, String attributeName) {
        // Prisma names the attribute with a single @ in the messages that follow.
        String single = attributeName.replace("@@", "@");
        if (where instanceof Expr.FunctionCall call && call.name().name().equals("raw")) {
            Optional<Expr> argument = call.arguments().arguments().size() == 1
                    ? call.arguments().arguments().get(0).value()
                    : Optional.empty();
            if (argument.orElse(null) instanceof Expr.StringLit sql) {
                return sql.value().isBlank()
                        ? error(attribute, single, "The `where` argument cannot contain an empty string.")
                        : Optional.of(sql.value());
            }
            argument.ifPresent(a -> ctx.push(
                    SchemaErrors.plain(a.span(), "Expected a string value, but received " + a.describe() + ".")));
            return error(
                    attribute,
                    single,
                    "The `where` argument must be a raw() function with a string argument, e.g. `where: "
                            + "raw(\"status = 'active'\")`.");
        }
        if (where instanceof Expr.ObjectExpr object) {
            if (object.entries().isEmpty()) {
                return error(attribute, single, "The `where` argument cannot be an empty object.");
            }
            List<String> conditions = new ArrayList<>();
            for (Expr.Entry entry : object.entries()) {
                Optional<ScalarField> field = model.findScalar(entry.key().name());
                if (field.isEmpty()) {
                    return error(
                            attribute,
                            single,
                            "Field '" + entry.key().name() + "' does not exist in model '" + model.name() + "'.");
                }
                Optional<String> condition = condition(field.get(), entry.value(), attribute, single);
                if (condition.isEmpty()) {
                    return Optional.empty();
                }
                conditions.add(condition.get());
            }
            return Optional.of(String.join(" AND ", conditions));
        }
        ctx.push(SchemaErrors.plain(where.span(), "Expected a function value, but received " + where.describe() + "."));
        return error(
                attribute,
                single,
                "The `where` argument must be either a raw() function call or an object literal, "
                        + "e.g. `where: raw(\"status = 'active'\")` or `where: { active: true }`.");
    }

    /** {@code field: value} or {@code field: { not: value }}. */
    private Optional<String> condition(ScalarField field, Expr value, Attribute attribute, String attributeName) {
        String column = Identifiers.quote(field.dbName());
        boolean negated = false;
        if (value instanceof Expr.ObjectExpr nested) {
            if (nested.entries().size() != 1) {
                return error(
                        attribute,
                        attributeName,
                        "Nested object in where clause must have exactly one key. Use `{ not: null }` or "
                                + "`{ not: "
                                + "\"value\" }`.");
            }
            String key = nested.entries().get(0).key().name();
            if (!key.equals("not")) {
                return error(
                        attribute,
                        attributeName,
                        "Unknown key '" + key + "' in nested where clause object. Only 'not' is supported.");
            }
            negated = true;
            value = nested.entries().get(0).value();
        }
        if (value instanceof Expr.PathExpr path && path.path().equals("null")) {
            return Optional.of(column + (negated ? " IS NOT NULL" : " IS NULL"));
        }
        String kind;
        String literal;
        if (value instanceof Expr.PathExpr path
                && (path.path().equals("true") || path.path().equals("false"))) {
            kind = "Boolean";
            literal = path.path();
        } else if (value instanceof Expr.NumberLit number) {
            kind = "Number";
            literal = number.text();
        } else if (value instanceof Expr.StringLit string) {
            kind = "String";
            literal = "'" + string.value().replace("'", "''") + "'";
        } else {
            return error(
                    attribute,
                    attributeName,
                    "Unsupported value " + value.describe() + " for field '" + field.name()
                            + "': use null, a boolean, a number or a string.");
        }
        if (!accepts(field.type(), kind)) {
            return error(
                    attribute,
                    attributeName,
                    "Type mismatch: field '" + field.name() + "' is of type " + typeName(field.type())
                            + ", but the value is a " + kind + ".");
        }
        return Optional.of(column + (negated ? " != " : " = ") + literal);
    }

    private static boolean accepts(FieldType type, String kind) {
        if (type instanceof ScalarType scalar) {
            switch (scalar) {
                case BOOLEAN:
                    return kind.equals("Boolean");
                case INT:
                case BIGINT:
                case FLOAT:
                case DECIMAL:
                    return kind.equals("Number");
                case STRING:
                case DATETIME:
                    return kind.equals("String");
                default:
                    return false;
            }
        }
        return type instanceof FieldType.EnumRef && kind.equals("String");
    }

    private static String typeName(FieldType type) {
        if (type instanceof ScalarType scalar) {
            return scalar.prismaName();
        }
        return type instanceof FieldType.EnumRef e ? e.enumName() : type.toString();
    }

    private Optional<String> error(Attribute attribute, String attributeName, String message) {
        ctx.push(SchemaErrors.attribute(attribute.span(), attributeName, message));
        return Optional.empty();
    }
}
