package dev.quarry.api.openapi;

import dev.quarry.schema.model.DataRule;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/** The JSON form of each schema type (API.md "Values in JSON"), and the enum components. */
final class Values {

    static final String BIGINT_PATTERN = "^-?[0-9]+$";
    static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";

    // qualified: swagger's Schema is imported
    private final dev.quarry.schema.model.Schema schema;
    private final Components components;

    // qualified: swagger's Schema is imported
    Values(dev.quarry.schema.model.Schema schema, Components components) {
        this.schema = schema;
        this.components = components;
    }

    /** The field's value as it appears in a record: a list is an array, an optional field may be {@code null}. */
    Schema of(ScalarField field) {
        return of(field, List.of());
    }

    /**
     * The field's value with its data rules as JSON Schema keywords ({@code minLength}, {@code pattern}, {@code
     * minimum}, …).
     */
    Schema of(ScalarField field, List<DataRule.FieldRule> rules) {
        Schema single = single(field.type());
        if (!field.isList()) {
            rules.forEach(rule -> constrain(single, rule));
        }
        Schema value = field.isList() ? Json.array(single) : field.isOptional() ? Json.nullable(single) : single;
        String typeNote = value.getDescription();
        field.documentation().ifPresent(doc -> value.description(typeNote == null ? doc : doc + "\n\n" + typeNote));
        return value;
    }

    private static void constrain(Schema value, DataRule.FieldRule rule) {
        String text = rule.text().orElse("");
        switch (rule.kind()) {
            case LENGTH:
                rule.min().ifPresent(min -> value.minLength(min.intValue()));
                rule.max().ifPresent(max -> value.maxLength(max.intValue()));
                break;
            case STARTS_WITH:
                pattern(value, "^" + Pattern.quote(text));
                break;
            case ENDS_WITH:
                pattern(value, Pattern.quote(text) + "$");
                break;
            case CONTAINS:
                pattern(value, Pattern.quote(text));
                break;
            case REGEX:
                pattern(value, text);
                break;
            case EMAIL:
                value.format("email");
                break;
            case URL:
                value.format("uri");
                break;
            case GT:
                value.exclusiveMinimum(rule.min().orElseThrow());
                break;
            case GTE:
                value.minimum(rule.min().orElseThrow());
                break;
            case LT:
                value.exclusiveMaximum(rule.min().orElseThrow());
                break;
            default:
                value.maximum(rule.min().orElseThrow());
                break;
        }
    }

    /** JSON Schema has one {@code pattern}; a second pattern rule goes into {@code allOf}. */
    private static void pattern(Schema value, String pattern) {
        if (value.getPattern() == null) {
            value.pattern(pattern);
        } else {
            value.addAllOf(OASFactory.createSchema().pattern(pattern));
        }
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
                return Json.string()
                        .pattern(BIGINT_PATTERN)
                        .description("A 64-bit integer as a string of decimal digits (a JSON number is also "
                                + "accepted in "
                                + "input).");
            case DECIMAL:
                return Json.string()
                        .pattern(DECIMAL_PATTERN)
                        .description("An exact decimal number as a string (a JSON number is also accepted in input).");
            case DATETIME:
                return Json.string()
                        .format("date-time")
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
            var values = Json.stringEnum(
                    enumType.values().stream().map(EnumType.EnumValue::name).toList());
            enumType.documentation().ifPresent(values::description);
            return values;
        });
    }
}
