package dev.quarry.database;

import dev.quarry.schema.model.Identifiers;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A column's type as Prisma writes it in migrations: a built-in type by its upper-case name and
 * arguments ({@code VARCHAR(255)}, {@code DECIMAL(65,30)}, {@code TIMESTAMP(3)}), an enum type by
 * its schema and name, or any other type kept as its text ({@code Unsupported("circle")}).
 *
 * @param schema the enum's schema; empty for the other families
 */
public record ColumnType(Family family, String schema, String name, List<Integer> arguments, boolean list) {

    public enum Family {
        BUILTIN,
        ENUM,
        UNSUPPORTED
    }

    public ColumnType {
        arguments = List.copyOf(arguments);
    }

    public static ColumnType builtin(String name, List<Integer> arguments, boolean list) {
        return new ColumnType(Family.BUILTIN, "", name, arguments, list);
    }

    public static ColumnType enumType(String schema, String name, boolean list) {
        return new ColumnType(Family.ENUM, schema, name, List.of(), list);
    }

    public static ColumnType unsupported(String text, boolean list) {
        return new ColumnType(Family.UNSUPPORTED, "", text, List.of(), list);
    }

    public boolean isEnum() {
        return family == Family.ENUM;
    }

    /** The base type without the array brackets, e.g. {@code VARCHAR(255)}. */
    public String baseSql(String defaultSchema) {
        switch (family) {
            case ENUM:
                return schema.equals(defaultSchema)
                        ? Identifiers.quote(name)
                        : Identifiers.quote(schema) + "." + Identifiers.quote(name);
            case UNSUPPORTED:
                return name;
            default:
                return arguments.isEmpty()
                        ? name
                        : name + arguments.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        }
    }

    public String sql(String defaultSchema) {
        return baseSql(defaultSchema) + (list ? "[]" : "");
    }

    /** The same type, compared loosely for unsupported types (PostgreSQL spells them its own way). */
    public boolean sameAs(ColumnType other) {
        if (family == Family.UNSUPPORTED && other.family == Family.UNSUPPORTED) {
            return list == other.list && squash(name).equals(squash(other.name));
        }
        return equals(other);
    }

    private static String squash(String text) {
        return text.toLowerCase().replace(" ", "").replace("\"", "");
    }

    /** Text, character and similar types whose values are written as quoted literals. */
    public boolean isNumericOrBoolean() {
        if (family != Family.BUILTIN) {
            return false;
        }
        return switch (name) {
            case "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE PRECISION", "DECIMAL", "BOOLEAN", "OID" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return sql("public");
    }
}
