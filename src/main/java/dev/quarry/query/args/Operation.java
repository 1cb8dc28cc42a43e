package dev.quarry.query.args;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The read operations of a model delegate, by their Prisma Client names. */
public enum Operation {
    FIND_MANY("findMany"),
    FIND_FIRST("findFirst"),
    FIND_FIRST_OR_THROW("findFirstOrThrow"),
    FIND_UNIQUE("findUnique"),
    FIND_UNIQUE_OR_THROW("findUniqueOrThrow"),
    COUNT("count"),
    AGGREGATE("aggregate"),
    GROUP_BY("groupBy");

    private final String clientName;

    Operation(String clientName) {
        this.clientName = clientName;
    }

    public String clientName() {
        return clientName;
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
}
