package dev.quarry.schema.model;

import java.util.Optional;

/** {@code onDelete}/{@code onUpdate} values of {@code @relation}. */
public enum ReferentialAction {
    CASCADE("Cascade", "CASCADE"),
    RESTRICT("Restrict", "RESTRICT"),
    NO_ACTION("NoAction", "NO ACTION"),
    SET_NULL("SetNull", "SET NULL"),
    SET_DEFAULT("SetDefault", "SET DEFAULT");

    private final String prismaName;
    private final String sql;

    ReferentialAction(String prismaName, String sql) {
        this.prismaName = prismaName;
        this.sql = sql;
    }

    public String prismaName() {
        return prismaName;
    }

    public String sql() {
        return sql;
    }

    public static Optional<ReferentialAction> fromPrismaName(String name) {
        for (ReferentialAction action : values()) {
            if (action.prismaName.equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
