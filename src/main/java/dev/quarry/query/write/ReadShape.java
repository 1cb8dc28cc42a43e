package dev.quarry.query.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import java.util.Map;

/**
 * How the record a write returns is shaped: its {@code select}/{@code include}/{@code omit} arguments (already
 * checked by the read planner), read back in the write's transaction by the read machinery.
 */
public record ReadShape(ObjectNode args, Map<String, ArgPath> origins) {
    public ReadShape {
        origins = Map.copyOf(origins);
    }
}
