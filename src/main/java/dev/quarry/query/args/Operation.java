package dev.quarry.query.args;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The read operations of a model delegate, by their Prisma Client names. */
public enum Operation {
    FIND_MANY("findMany", Arguments.FIND_MANY),
    FIND_FIRST("findFirst", Arguments.FIND_MANY),
    FIND_FIRST_OR_THROW("findFirstOrThrow", Arguments.FIND_MANY),
    FIND_UNIQUE("findUnique", Arguments.FIND_UNIQUE),
    FIND_UNIQUE_OR_THROW("findUniqueOrThrow", Arguments.FIND_UNIQUE),
    COUNT("count", List.of("where", "orderBy", "cursor", "take", "skip", "select")),
    AGGREGATE("aggregate", List.of("where", "orderBy", "cursor", "take", "skip")),
    GROUP_BY("groupBy", List.of("by", "where", "orderBy", "having", "take", "skip"));

    private final String clientName;
    private final List<String> arguments;

    Operation(String clientName, List<String> arguments) {
        this.clientName = clientName;
        this.arguments = arguments;
    }

    public String clientName() {
        return clientName;
    }

    /**
     * The arguments the operation takes, as Prisma's query schema has them; aggregate and groupBy also take the
     * aggregates their model has ({@code _count}, {@code _avg} …), which need the schema.
     */
    public List<String> arguments() {
        return arguments;
    }

    public boolean orThrow() {
        return this == FIND_FIRST_OR_THROW || this == FIND_UNIQUE_OR_THROW;
    }

    public static Optional<Operation> fromClientName(String name) {
        return Arrays.stream(values()).filter(o -> o.clientName.equals(name)).findFirst();
    }

    public static List<String> clientNames() {
        return Arrays.stream(values()).map(Operation::clientName).toList();
    }

    /** The argument lists several operations share (an enum's constants cannot name its own static fields). */
    private static final class Arguments {

        static final List<String> FIND_MANY = List.of(
                "where",
                "orderBy",
                "cursor",
                "take",
                "skip",
                "distinct",
                "select",
                "include",
                "omit",
                "relationLoadStrategy");
        static final List<String> FIND_UNIQUE = List.of("where", "select", "include", "omit", "relationLoadStrategy");
    }
}
