package dev.quarry.generate;

import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The PostgreSQL column type of a scalar field, spelled as Prisma's migrations write it
 * ({@code TEXT}, {@code DECIMAL(65,30)}, {@code TIMESTAMP(3)}, {@code "Role"[]}, {@code SERIAL}).
 */
final class ColumnTypes {

    private ColumnTypes() {}

    static String of(Schema schema, ScalarField field) {
        String base = baseType(schema, field);
        if (isAutoincrement(field)) {
            base = switch (base) {
                case "BIGINT" -> "BIGSERIAL";
                case "SMALLINT" -> "SMALLSERIAL";
                default -> "SERIAL";
            };
        }
        return field.isList() ? base + "[]" : base;
    }

    static boolean isAutoincrement(ScalarField field) {
        return field.defaultValue()
                .filter(DefaultValue.Function.class::isInstance)
                .map(d -> ((DefaultValue.Function) d).name().equals("autoincrement"))
                .orElse(false);
    }

    private static String baseType(Schema schema, ScalarField field) {
        FieldType type = field.type();
        if (type instanceof FieldType.EnumRef enumRef) {
            String dbName =
                    schema.findEnum(enumRef.enumName()).map(e -> e.dbName()).orElse(enumRef.enumName());
            return Identifiers.quote(dbName);
        }
        if (type instanceof FieldType.Unsupported unsupported) {
            return unsupported.databaseType();
        }
        if (!(type instanceof ScalarType scalar)) {
            throw new IllegalArgumentException(
                    field.name() + " has a composite type, which PostgreSQL has no column for");
        }
        Optional<NativeType> nativeType = field.nativeType();
        if (nativeType.isPresent()) {
            return nativeTypeSql(nativeType.get());
        }
        return switch (scalar) {
            case STRING -> "TEXT";
            case BOOLEAN -> "BOOLEAN";
            case INT -> "INTEGER";
            case BIGINT -> "BIGINT";
            case FLOAT -> "DOUBLE PRECISION";
            case DECIMAL -> "DECIMAL(65,30)";
            case DATETIME -> "TIMESTAMP(3)";
            case JSON -> "JSONB";
            case BYTES -> "BYTEA";
        };
    }

    /** {@code @db.VarChar(255)} → {@code VARCHAR(255)}; {@code @db.DoublePrecision} → {@code DOUBLE PRECISION}. */
    static String nativeTypeSql(NativeType nativeType) {
        List<String> arguments = nativeType.arguments();
        String name = switch (nativeType.name()) {
            case "DoublePrecision" -> "DOUBLE PRECISION";
            case "VarBit" -> "VARBIT";
            case "Timestamptz" -> "TIMESTAMPTZ";
            case "Timetz" -> "TIMETZ";
            default -> nativeType.name().toUpperCase(Locale.ROOT);
        };
        return arguments.isEmpty() ? name : name + "(" + String.join(",", arguments) + ")";
    }
}
