package dev.quarry.api.openapi;

import dev.quarry.query.plan.Aggregate;
import dev.quarry.query.plan.FilterKind;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The scalar filters of {@code where} and {@code having}, shared by every field of the same type, as
 * Prisma Client names them: {@code StringFilter}, {@code IntNullableFilter}, {@code EnumRoleFilter},
 * {@code StringListFilter}, {@code DateTimeWithAggregatesFilter}, …
 */
final class Filters {

    /** The order the document lists a having filter's aggregates in. */
    private static final List<Aggregate> HAVING_ORDER =
            List.of(Aggregate.COUNT, Aggregate.MIN, Aggregate.MAX, Aggregate.AVG, Aggregate.SUM);

    private final Components components;
    private final Values values;
    private final Shared shared;

    Filters(Components components, Values values, Shared shared) {
        this.components = components;
        this.values = values;
        this.shared = shared;
    }

    Schema of(ScalarField field) {
        return field.isList() ? list(field.type()) : scalar(field.type(), field.isOptional());
    }

    Schema scalar(FieldType type, boolean nullable) {
        String name = typeName(type) + (nullable ? "Nullable" : "") + "Filter";
        return components.ref(
                name,
                () -> Json.object(operators(type, nullable, Json.ref(name)))
                        .description("Conditions on one " + describe(type) + " field; all given conditions must hold. "
                                + "A bare value in place of this object means {\"equals\": value}."));
    }

    /** The filter of {@code having}: the scalar filter plus conditions on the field's aggregates. */
    Schema withAggregates(ScalarField field) {
        if (field.isList()) {
            return list(field.type());
        }
        FieldType type = field.type();
        boolean nullable = field.isOptional();
        String name = typeName(type) + (nullable ? "Nullable" : "") + "WithAggregatesFilter";
        return components.ref(name, () -> {
            Map<String, Schema> properties = operators(type, nullable, Json.ref(name));
            for (Aggregate fn : HAVING_ORDER) {
                if (fn.filters(field)) {
                    properties.put(fn.key, aggregateFilter(fn, type));
                }
            }
            return Json.object(properties).description("Conditions on a field and its aggregates within a group.");
        });
    }

    private Schema aggregateFilter(Aggregate fn, FieldType type) {
        switch (fn) {
            case COUNT:
                return scalar(ScalarType.INT, false);
            case AVG:
                return scalar(type == ScalarType.DECIMAL ? ScalarType.DECIMAL : ScalarType.FLOAT, true);
            default:
                return scalar(type, true);
        }
    }

    private Schema list(FieldType type) {
        String name = typeName(type) + "ListFilter";
        return components.ref(name, () -> {
            Map<String, Schema> properties = new LinkedHashMap<>();
            for (String op : FilterKind.LIST.operators()) {
                properties.put(op, listOperand(op, type));
            }
            return Json.object(properties).description("Conditions on a list of " + describe(type) + " values.");
        });
    }

    private Schema listOperand(String op, FieldType type) {
        switch (op) {
            case "equals":
                return Json.nullable(Json.array(values.single(type)));
            case "has":
                return Json.nullable(values.single(type));
            case "isEmpty":
                return Json.bool();
            default:
                return Json.array(values.single(type));
        }
    }

    private Map<String, Schema> operators(FieldType type, boolean nullable, Schema self) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (String op : FilterKind.of(type).operators()) {
            Optional<Schema> operand =
                    type == ScalarType.JSON ? Optional.of(jsonOperand(op)) : operand(op, type, nullable, self);
            operand.ifPresent(o -> properties.put(op, o));
        }
        return properties;
    }

    private Schema jsonOperand(String op) {
        switch (op) {
            case "path":
                return Json.array(Json.string())
                        .description("The path inside the JSON value the other conditions apply to.");
            case "mode":
                return shared.queryMode();
            case "string_contains":
            case "string_starts_with":
            case "string_ends_with":
                return Json.string();
            default:
                return Json.any();
        }
    }

    /** An operator's operand; none for {@code search}, which only the full-text preview feature has. */
    private Optional<Schema> operand(String op, FieldType type, boolean nullable, Schema self) {
        switch (op) {
            case "equals":
                return Optional.of(nullable ? Json.nullable(values.single(type)) : values.single(type));
            case "in":
            case "notIn":
                return Optional.of(Json.array(values.single(type)));
            case "lt":
            case "lte":
            case "gt":
            case "gte":
                return Optional.of(values.single(type));
            case "contains":
            case "startsWith":
            case "endsWith":
                return Optional.of(Json.string());
            case "mode":
                return Optional.of(shared.queryMode());
            case "not":
                return Optional.of(nullable ? Json.nullable(self) : self);
            default:
                return Optional.empty();
        }
    }

    static String typeName(FieldType type) {
        if (type instanceof FieldType.EnumRef enumRef) {
            return "Enum" + enumRef.enumName();
        }
        return type == ScalarType.BOOLEAN ? "Bool" : ((ScalarType) type).prismaName();
    }

    private static String describe(FieldType type) {
        return type instanceof FieldType.EnumRef enumRef ? enumRef.enumName() : ((ScalarType) type).prismaName();
    }
}
