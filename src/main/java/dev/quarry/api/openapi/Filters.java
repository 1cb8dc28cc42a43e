package dev.quarry.api.openapi;

import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The scalar filters of {@code where} and {@code having}, shared by every field of the same type, as
 * Prisma Client names them: {@code StringFilter}, {@code IntNullableFilter}, {@code EnumRoleFilter},
 * {@code StringListFilter}, {@code DateTimeWithAggregatesFilter}, …
 */
final class Filters {

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
            properties.put("_count", scalar(ScalarType.INT, false));
            if (type != ScalarType.JSON) {
                properties.put("_min", scalar(type, true));
                properties.put("_max", scalar(type, true));
            }
            if (ApiModel.isNumeric(type)) {
                properties.put(
                        "_avg", scalar(type == ScalarType.DECIMAL ? ScalarType.DECIMAL : ScalarType.FLOAT, true));
                properties.put("_sum", scalar(type == ScalarType.INT ? ScalarType.INT : type, true));
            }
            return Json.object(properties).description("Conditions on a field and its aggregates within a group.");
        });
    }

    private Schema list(FieldType type) {
        String name = typeName(type) + "ListFilter";
        return components.ref(name, () -> {
            Map<String, Schema> properties = new LinkedHashMap<>();
            properties.put("equals", Json.nullable(Json.array(values.single(type))));
            properties.put("has", Json.nullable(values.single(type)));
            properties.put("hasEvery", Json.array(values.single(type)));
            properties.put("hasSome", Json.array(values.single(type)));
            properties.put("isEmpty", Json.bool());
            return Json.object(properties).description("Conditions on a list of " + describe(type) + " values.");
        });
    }

    private Map<String, Schema> operators(FieldType type, boolean nullable, Schema self) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        if (type == ScalarType.JSON) {
            properties.put("equals", Json.any());
            properties.put("not", Json.any());
            properties.put(
                    "path",
                    Json.array(Json.string())
                            .description("The path inside the JSON value the other conditions apply to."));
            properties.put("mode", shared.queryMode());
            for (String op : new String[] {"string_contains", "string_starts_with", "string_ends_with"}) {
                properties.put(op, Json.string());
            }
            for (String op :
                    new String[] {"array_contains", "array_starts_with", "array_ends_with", "lt", "lte", "gt", "gte"}) {
                properties.put(op, Json.any());
            }
            return properties;
        }
        properties.put("equals", nullable ? Json.nullable(values.single(type)) : values.single(type));
        if (type != ScalarType.BOOLEAN) {
            properties.put("in", Json.array(values.single(type)));
            properties.put("notIn", Json.array(values.single(type)));
        }
        if (ordered(type)) {
            for (String op : new String[] {"lt", "lte", "gt", "gte"}) {
                properties.put(op, values.single(type));
            }
        }
        if (type == ScalarType.STRING) {
            properties.put("contains", Json.string());
            properties.put("startsWith", Json.string());
            properties.put("endsWith", Json.string());
            properties.put("mode", shared.queryMode());
        }
        properties.put("not", nullable ? Json.nullable(self) : self);
        return properties;
    }

    private static boolean ordered(FieldType type) {
        return type == ScalarType.STRING || type == ScalarType.DATETIME || ApiModel.isNumeric(type);
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
