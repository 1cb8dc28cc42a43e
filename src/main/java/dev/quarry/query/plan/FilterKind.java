package dev.quarry.query.plan;

import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.List;

/**
 * The filter a scalar field takes in {@code where} and {@code having}, and its operators, as Prisma's query schema
 * has them ({@code StringFilter}, {@code IntFilter}, {@code EnumRoleFilter}, {@code BoolFilter}, {@code
 * BytesFilter}, {@code StringNullableListFilter}, {@code JsonFilter}): the one table the planner checks filters
 * against and the OpenAPI document describes them from. {@code search} is Prisma's only with the {@code
 * fullTextSearchPostgres} preview feature.
 */
public enum FilterKind {
    STRING(
            "equals",
            "in",
            "notIn",
            "lt",
            "lte",
            "gt",
            "gte",
            "contains",
            "startsWith",
            "endsWith",
            "mode",
            "search",
            "not"),
    /** Numbers and dates. */
    ORDERED("equals", "in", "notIn", "lt", "lte", "gt", "gte", "not"),
    /** Enums and Bytes. */
    EQUALITY("equals", "in", "notIn", "not"),
    BOOLEAN("equals", "not"),
    /** A scalar list's: exactly one operator. */
    LIST("equals", "has", "hasEvery", "hasSome", "isEmpty"),
    JSON(
            "equals",
            "not",
            "path",
            "mode",
            "string_contains",
            "string_starts_with",
            "string_ends_with",
            "array_contains",
            "array_starts_with",
            "array_ends_with",
            "lt",
            "lte",
            "gt",
            "gte");

    private final List<String> operators;

    FilterKind(String... operators) {
        this.operators = List.of(operators);
    }

    public List<String> operators() {
        return operators;
    }

    public boolean takes(String operator) {
        return operators.contains(operator);
    }

    public static FilterKind of(ScalarField field) {
        return field.isList() ? LIST : of(field.type());
    }

    /** The filter of a single value of the type. */
    public static FilterKind of(FieldType type) {
        if (type instanceof FieldType.EnumRef) {
            return EQUALITY;
        }
        switch ((ScalarType) type) {
            case STRING:
                return STRING;
            case BOOLEAN:
                return BOOLEAN;
            case BYTES:
                return EQUALITY;
            case JSON:
                return JSON;
            default:
                return ORDERED;
        }
    }
}
