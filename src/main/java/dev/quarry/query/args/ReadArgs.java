package dev.quarry.query.args;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import java.util.Map;

/**
 * The unresolved arguments of one read: Prisma's argument object ({@code {"where": …, "take": 10}}),
 * whichever surface it came from, plus where each argument came from so errors can name it.
 *
 * @param args    Prisma's argument object, not yet checked against the schema
 * @param origins per argument key, the parameter it was written in ({@code where} → {@code filter} on the
 *                resource surface) and whether its values are shorthand text; keys absent here are
 *                located inside the RPC {@code body}
 */
public record ReadArgs(Operation operation, ObjectNode args, Map<String, ArgPath> origins) {

    /**
     * The argument of every read that reads soft-deleted rows ({@code @deletedAt}) too: {@code "withDeleted":
     * true}, or
     * {@code ?withDeleted=true} on the resource surface.
     */
    public static final String WITH_DELETED = "withDeleted";

    public ReadArgs {
        origins = Map.copyOf(origins);
    }

    public static ReadArgs ofBody(Operation operation, ObjectNode body) {
        return new ReadArgs(operation, body, Map.of());
    }

    /** Where argument {@code key} is located, for error messages. */
    public ArgPath origin(String key) {
        ArgPath origin = origins.get(key);
        return origin != null ? origin : ArgPath.of("body").key(key);
    }
}
