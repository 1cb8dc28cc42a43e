package dev.quarry.schema.model;

import java.util.Optional;

/** Prisma's built-in scalar types. */
public enum ScalarType implements FieldType {
    STRING("String"),
    BOOLEAN("Boolean"),
    INT("Int"),
    BIGINT("BigInt"),
    FLOAT("Float"),
    DECIMAL("Decimal"),
    DATETIME("DateTime"),
    JSON("Json"),
    BYTES("Bytes");

    private final String prismaName;

    ScalarType(String prismaName) {
        this.prismaName = prismaName;
    }

    /** The name as written in a schema: {@code String}, {@code DateTime}, … */
    public String prismaName() {
        return prismaName;
    }

    public static Optional<ScalarType> fromPrismaName(String name) {
        for (ScalarType type : values()) {
            if (type.prismaName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
