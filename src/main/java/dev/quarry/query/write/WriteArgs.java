package dev.quarry.query.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import java.util.Map;
import java.util.Optional;

/**
 * The unresolved arguments of one write: Prisma's argument object ({@code {"data": …, "where": …, "select": …}}),
 * whichever surface it came from, and where each argument came from so errors can name it.
 *
 * @param origins per argument key, the parameter it was written in ({@code data} → {@code body} on the resource
 *                surface); keys absent here are located inside the RPC {@code body}
 * @param ifMatch an HTTP {@code If-Match} entity tag: the write applies only while the record's tag is this one
 */
public record WriteArgs(
        WriteOperation operation, ObjectNode args, Map<String, ArgPath> origins, Optional<String> ifMatch) {

    public WriteArgs {
        origins = Map.copyOf(origins);
    }

    public static WriteArgs ofBody(WriteOperation operation, ObjectNode body) {
        return new WriteArgs(operation, body, Map.of(), Optional.empty());
    }

    public ArgPath origin(String key) {
        ArgPath origin = origins.get(key);
        return origin != null ? origin : ArgPath.of("body").key(key);
    }
}
