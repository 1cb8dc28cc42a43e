package dev.quarry.query.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Json;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Checks client values against a field's type and normalises them to the text PostgreSQL casts from. */
final class Values {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final Schema schema;

    Values(Schema schema) {
        this.schema = schema;
    }

    Value.One one(ScalarField field, JsonNode node, ArgPath at) {
        return new Value.One(field, text(field, node, at));
    }

    /** A JSON array of values (or, in shorthand text, a comma-separated list already split into an array). */
    Value.Many many(ScalarField field, JsonNode node, ArgPath at) {
        if (!node.isArray()) {
            throw QueryErrors.wrongType(at, "a list of " + typeName(field));
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            texts.add(text(field, node.get(i), at.index(i)));
        }
        return new Value.Many(field, texts);
    }

    String typeName(ScalarField field) {
        if (field.type() instanceof FieldType.EnumRef e) {
            return "a value of enum " + e.enumName() + " "
                    + enumType(e).values().stream()
                            .map(EnumType.EnumValue::name)
                            .toList();
        }
        ScalarType type = (ScalarType) field.type();
        switch (type) {
            case STRING:
                return "a String";
            case BOOLEAN:
                return "a Boolean (true or false)";
            case INT:
                return "an Int (a whole number from -2147483648 to 2147483647)";
            case BIGINT:
                return "a BigInt (a whole number or a string of digits, 64-bit)";
            case FLOAT:
                return "a Float (a number)";
            case DECIMAL:
                return "a Decimal (a number or a numeric string)";
            case DATETIME:
                return "a DateTime (ISO-8601 with a time zone, e.g. 2024-01-31T12:00:00.000Z)";
            case JSON:
                return "a JSON value";
            case BYTES:
                return "Bytes (a base64 string)";
            default:
                return type.prismaName();
        }
    }

    private String text(ScalarField field, JsonNode node, ArgPath at) {
        if (node == null || node.isNull()) {
            throw QueryErrors.wrongType(at, typeName(field) + ", not null");
        }
        if (field.type() instanceof FieldType.EnumRef e) {
            EnumType type = enumType(e);
            if (node.isTextual()) {
                for (EnumType.EnumValue value : type.values()) {
                    if (value.name().equals(node.textValue())) {
                        return value.dbName();
                    }
                }
            }
            throw QueryErrors.invalid(
                    at,
                    "Expected a value of enum " + type.name(),
                    type.values().stream().map(EnumType.EnumValue::name).toList());
        }
        if (!(field.type() instanceof ScalarType type)) {
            throw QueryErrors.invalid(at, "Field " + field.name() + " cannot be filtered", List.of());
        }
        boolean fromText = at.textValues() && node.isTextual();
        switch (type) {
            case STRING:
                return requireText(field, node, at);
            case BOOLEAN:
                if (node.isBoolean()) {
                    return Boolean.toString(node.booleanValue());
                }
                if (fromText
                        && (node.textValue().equals("true") || node.textValue().equals("false"))) {
                    return node.textValue();
                }
                throw QueryErrors.wrongType(at, typeName(field));
            case INT:
                return integer(
                        field,
                        number(field, node, at, fromText),
                        at,
                        INT_MIN,
                        INT_MAX,
                        "Int",
                        "-2147483648..2147483647");
            case BIGINT: {
                BigDecimal n =
                        node.isTextual() ? parseNumber(field, node.textValue(), at) : number(field, node, at, false);
                return integer(field, n, at, LONG_MIN, LONG_MAX, "BigInt", "-9223372036854775808..9223372036854775807");
            }
            case FLOAT: {
                BigDecimal n = number(field, node, at, fromText);
                double d = n.doubleValue();
                if (Double.isInfinite(d)) {
                    throw QueryErrors.outOfRange(at, "Float", "a finite 64-bit floating-point number");
                }
                return Double.toString(d);
            }
            case DECIMAL: {
                BigDecimal n =
                        node.isTextual() ? parseNumber(field, node.textValue(), at) : number(field, node, at, false);
                if (Math.abs((long) n.scale()) > 16000 || n.precision() - n.scale() > 131072) {
                    throw QueryErrors.outOfRange(
                            at, "Decimal", "at most 131072 digits before and 16383 after the point");
                }
                return n.toString();
            }
            case DATETIME:
                return dateTime(field, node, at);
            case BYTES: {
                String b64 = requireText(field, node, at);
                try {
                    return Base64.getEncoder()
                            .encodeToString(Base64.getDecoder().decode(b64));
                } catch (IllegalArgumentException e) {
                    throw QueryErrors.wrongType(at, typeName(field));
                }
            }
            case JSON:
                return jsonText(node);
            default:
                throw QueryErrors.wrongType(at, typeName(field));
        }
    }

    static String jsonText(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String requireText(ScalarField field, JsonNode node, ArgPath at) {
        if (!node.isTextual()) {
            throw QueryErrors.wrongType(at, typeName(field));
        }
        if (node.textValue().indexOf('\0') >= 0) {
            throw QueryErrors.invalid(at, "Text may not contain the NUL character", List.of());
        }
        return node.textValue();
    }

    private BigDecimal number(ScalarField field, JsonNode node, ArgPath at, boolean fromText) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (fromText) {
            return parseNumber(field, node.textValue(), at);
        }
        throw QueryErrors.wrongType(at, typeName(field));
    }

    private BigDecimal parseNumber(ScalarField field, String text, ArgPath at) {
        if (text.length() > 400) {
            throw QueryErrors.outOfRange(at, typeName(field), "at most 400 characters");
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw QueryErrors.wrongType(at, typeName(field));
        }
    }

    private String integer(
            ScalarField field, BigDecimal n, ArgPath at, BigInteger min, BigInteger max, String type, String range) {
        BigInteger whole;
        try {
            if (Math.abs((long) n.scale()) > 100) {
                throw new ArithmeticException();
            }
            whole = n.toBigIntegerExact();
        } catch (ArithmeticException e) {
            if (n.scale() < -100) {
                throw QueryErrors.outOfRange(at, type, range);
            }
            throw QueryErrors.wrongType(at, typeName(field));
        }
        if (whole.compareTo(min) < 0 || whole.compareTo(max) > 0) {
            throw QueryErrors.outOfRange(at, type, range);
        }
        return whole.toString();
    }

    private String dateTime(ScalarField field, JsonNode node, ArgPath at) {
        String text = requireText(field, node, at);
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            int year = t.withOffsetSameInstant(ZoneOffset.UTC).getYear();
            if (year < 1 || year > 9999) {
                throw QueryErrors.outOfRange(at, "DateTime", "years 0001 to 9999");
            }
            return t.withOffsetSameInstant(ZoneOffset.UTC).format(UTC_TEXT);
        } catch (DateTimeParseException e) {
            throw QueryErrors.wrongType(at, typeName(field));
        }
    }

    private EnumType enumType(FieldType.EnumRef ref) {
        return schema.findEnum(ref.enumName())
                .orElseThrow(() -> new IllegalStateException("no enum " + ref.enumName()));
    }
}
