package dev.quarry.api.openapi;

import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/** The JSON form of each schema type (API.md "Values in JSON"), and the enum components. */
final class Values {

    static final String BIGINT_PATTERN = "^-?[0-9]+$";
    static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";

    private final dev.quarry.schema.model.Schema schema;
    private final Components components;

    Values(dev.quarry.schema.model.Schema schema, Components components) {
        this.schema = schema;
        this.components = components;
    }

    /** The field's value as it appears in a record: a list is an array, an optional field may be {@code null}. */
    Schema of(ScalarField field) {
        Schema single = single(field.type());
        Schema value = field.isList() ? Json.array(single) : field.isOptional() ? Json.nullable(single) : single;
        String typeNote = value.getDescription();
        field.documentation().ifPresent(doc -> value.description(typeNote == null ? doc : doc + "\n\n" + typeNote));
        return value;
    }

    /** One value of the type, never {@code null} (Json aside, which may hold anything). */
    Schema single(FieldType type) {
        if (type instanceof FieldType.EnumRef enumRef) {
            return enumType(enumRef.enumName());
        }
        switch ((ScalarType) type) {
            case STRING:
                return Json.string();
            case BOOLEAN:
                return Json.bool();
            case INT:
                return Json.integer();
            case FLOAT:
                return Json.number();
            case BIGINT:
                return Json.string().pattern(BIGINT_PATTERN)
                        .description("A 64-bit integer as a string of decimal digits (a JSON number is also accepted in input).");
            case DECIMAL:
                return Json.string().pattern(DECIMAL_PATTERN)
                        .description("An exact decimal number as a string (a JSON number is also accepted in input).");
            case DATETIME:
                return Json.string().format("date-time")
                        .description("ISO-8601; responses are UTC with milliseconds and Z, input may use any offset.");
            case JSON:
                return Json.any().description("Any JSON value.");
            case BYTES:
                return Json.string().format("byte").contentEncoding("base64").description("Base64-encoded bytes.");
            default:
                throw new IllegalArgumentException("no JSON form for " + type);
        }
    }

    Schema enumType(String name) {
        EnumType enumType = schema.findEnum(name).orElseThrow(() -> new IllegalArgumentException("no enum " + name));
        return components.ref(name, () -> {
            var values = Json.stringEnum(enumType.values().stream().map(EnumType.EnumValue::name).toList());
            enumType.documentation().ifPresent(values::description);
            return values;
        });
    }
}
