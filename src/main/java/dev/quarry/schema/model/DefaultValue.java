package dev.quarry.schema.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The value of {@code @default(…)}; {@code map} is its optional constraint name ({@code @default(0, map: "x")}).
 */
public sealed interface DefaultValue {

    Optional<String> map();

    /** {@code @default("text")}. */
    record StringValue(String value, Optional<String> map) implements DefaultValue {}

    /** {@code @default(42)}, {@code @default(1.5)}. */
    record NumberValue(BigDecimal value, Optional<String> map) implements DefaultValue {}

    /** {@code @default(true)}. */
    record BooleanValue(boolean value, Optional<String> map) implements DefaultValue {}

    /** {@code @default(ADMIN)}: a value of the field's enum (its schema name, not its {@code @map}). */
    record EnumValue(String value, Optional<String> map) implements DefaultValue {}

    /** {@code @default([1, 2])} on a list field. */
    record ListValue(List<DefaultValue> values, Optional<String> map) implements DefaultValue {
        public ListValue {
            values = List.copyOf(values);
        }
    }

    /**
     * A function: {@code autoincrement()}, {@code sequence(…)}, {@code now()}, {@code cuid()},
     * {@code cuid(2)}, {@code uuid()}, {@code uuid(7)}, {@code nanoid(16)}, {@code ulid()},
     * {@code dbgenerated("…")}. Arguments are kept as their literal values (String, BigDecimal, Boolean).
     */
    record Function(String name, List<Object> arguments, Optional<String> map) implements DefaultValue {
        public Function {
            arguments = List.copyOf(arguments);
        }

        /** Values the client generates (as Prisma Client does), as opposed to the database. */
        public boolean generatedByClient() {
            return switch (name) {
                case "cuid", "uuid", "nanoid", "ulid" -> true;
                default -> false;
            };
        }
    }
}
