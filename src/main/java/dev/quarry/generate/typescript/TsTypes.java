package dev.quarry.generate.typescript;

import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;

/**
 * A scalar field's TypeScript types: as Prisma Client gives it, as it takes it, its filter and its update
 * operations.
 */
final class TsTypes {

    private TsTypes() {}

    /** The value in a result: DateTime as Date, BigInt as bigint, Bytes as Uint8Array, Decimal as a string. */
    static String output(ScalarField field) {
        String base = field.type() instanceof FieldType.EnumRef e
                ? e.enumName()
                : switch ((ScalarType) field.type()) {
                    case STRING -> "string";
                    case BOOLEAN -> "boolean";
                    case INT, FLOAT -> "number";
                    case BIGINT -> "bigint";
                    case DECIMAL -> "Decimal";
                    case DATETIME -> "Date";
                    case JSON -> "JsonValue";
                    case BYTES -> "Uint8Array";
                };
        return field.isList() ? base + "[]" : field.isOptional() ? base + " | null" : base;
    }

    /** One value as the client takes it in where, data and cursor. */
    static String input(ScalarField field) {
        return field.type() instanceof FieldType.EnumRef e
                ? e.enumName()
                : switch ((ScalarType) field.type()) {
                    case STRING -> "string";
                    case BOOLEAN -> "boolean";
                    case INT, FLOAT -> "number";
                    case BIGINT -> "BigIntInput";
                    case DECIMAL -> "DecimalInput";
                    case DATETIME -> "DateTimeInput";
                    case JSON -> "InputJsonValue";
                    case BYTES -> "BytesInput";
                };
    }

    static String filter(ScalarField field) {
        String value = input(field);
        if (field.isList()) {
            return "ScalarListFilter<" + value + ">";
        }
        String nullable = field.isOptional() ? "Nullable" : "";
        String filter = field.type() instanceof FieldType.EnumRef e
                ? "Enum" + nullable + "Filter<" + e.enumName() + ">"
                : switch ((ScalarType) field.type()) {
                    case STRING -> "String" + nullable + "Filter";
                    case BOOLEAN -> "Bool" + nullable + "Filter";
                    case INT -> "Int" + nullable + "Filter";
                    case FLOAT -> "Float" + nullable + "Filter";
                    case BIGINT -> "BigInt" + nullable + "Filter";
                    case DECIMAL -> "Decimal" + nullable + "Filter";
                    case DATETIME -> "DateTime" + nullable + "Filter";
                    case JSON -> "Json" + nullable + "Filter";
                    case BYTES -> "Bytes" + nullable + "Filter";
                };
        // a Json field is compared through its filter only, as in Prisma
        return field.type() == ScalarType.JSON
                ? filter
                : filter + " | " + value + (field.isOptional() ? " | null" : "");
    }

    /** The value of a create. */
    static String createValue(ScalarField field) {
        String value = input(field);
        if (field.isList()) {
            return value + "[] | { set: " + value + "[] }";
        }
        return field.isOptional() ? value + " | null" : value;
    }

    /** The value of an update: the value or its operations (increment … for numbers). */
    static String updateValue(ScalarField field) {
        String value = input(field);
        if (field.isList()) {
            return value + "[] | ListFieldUpdate<" + value + ">";
        }
        String nullable = field.isOptional() ? " | null" : "";
        String operations = isNumeric(field)
                ? "NumberFieldUpdate<" + value + nullable + ">"
                : "FieldUpdate<" + value + nullable + ">";
        return value + nullable + " | " + operations;
    }

    static boolean isNumeric(ScalarField field) {
        return !field.isList()
                && field.type() instanceof ScalarType s
                && (s == ScalarType.INT || s == ScalarType.FLOAT || s == ScalarType.BIGINT || s == ScalarType.DECIMAL);
    }

    /** Has an order and a minimum and maximum (lists and Json have none). */
    static boolean isOrderable(ScalarField field) {
        return !field.isList() && field.type() != ScalarType.JSON;
    }

    /** What the runtime turns into Date, bigint or Uint8Array; empty for values JSON gives as they are. */
    static String revivedAs(ScalarField field) {
        if (field.type() instanceof ScalarType s) {
            return switch (s) {
                case DATETIME, BIGINT, BYTES -> s.prismaName();
                default -> "";
            };
        }
        return "";
    }
}
