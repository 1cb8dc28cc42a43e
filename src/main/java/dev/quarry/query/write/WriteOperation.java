package dev.quarry.query.write;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The write operations of a model delegate, by their Prisma Client names. */
public enum WriteOperation {
    CREATE("create"),
    CREATE_MANY("createMany"),
    CREATE_MANY_AND_RETURN("createManyAndReturn"),
    UPDATE("update"),
    UPDATE_MANY("updateMany"),
    UPDATE_MANY_AND_RETURN("updateManyAndReturn"),
    UPSERT("upsert"),
    DELETE("delete"),
    DELETE_MANY("deleteMany");

    private final String clientName;

    WriteOperation(String clientName) {
        this.clientName = clientName;
    }

    public String clientName() {
        return clientName;
    }

    public static Optional<WriteOperation> fromClientName(String name) {
        return Arrays.stream(values()).filter(o -> o.clientName.equals(name)).findFirst();
    }

    public static List<String> clientNames() {
        return Arrays.stream(values()).map(WriteOperation::clientName).toList();
    }
}
