package dev.quarry.schema.model;

import java.util.Map;

/** {@code generator client { provider = "prisma-client-js" }}: kept, not interpreted. */
public record Generator(String name, Map<String, ConfigValue> properties) {
    public Generator {
        properties = Map.copyOf(properties);
    }
}
