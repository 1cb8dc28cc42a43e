package dev.quarry.schema.model;

/** The type of a scalar field: a built-in scalar, an enum, a composite type or an unsupported database type. */
public sealed interface FieldType permits ScalarType, FieldType.EnumRef, FieldType.CompositeRef, FieldType.Unsupported {

    /** A field of enum type {@code enumName}. */
    record EnumRef(String enumName) implements FieldType {}

    /** A field of composite type {@code typeName} (a {@code type} block). */
    record CompositeRef(String typeName) implements FieldType {}

    /** {@code Unsupported("circle")}: exists in the database, not in the API. */
    record Unsupported(String databaseType) implements FieldType {}
}
