package dev.quarry.schema.model;

import java.util.Optional;

/**
 * A field whose type is a scalar, an enum, a composite type or {@code Unsupported("…")}.
 *
 * @param dbName     the {@code @map} value, else the name
 * @param nativeType {@code @db.VarChar(255)} and the like
 * @param updatedAt  {@code @updatedAt}
 */
public record ScalarField(
        String name,
        String dbName,
        FieldType type,
        Arity arity,
        Optional<DefaultValue> defaultValue,
        boolean updatedAt,
        Optional<NativeType> nativeType,
        boolean ignored,
        Optional<String> documentation)
        implements Field {}
