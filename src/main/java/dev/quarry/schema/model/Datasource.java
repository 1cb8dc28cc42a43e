package dev.quarry.schema.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code datasource db { provider = "postgresql" url = env("DATABASE_URL") }}. Every key is kept in
 * {@code properties}; the well-known ones have accessors.
 */
public record Datasource(String name, String provider, Map<String, ConfigValue> properties) {

    public Datasource {
        properties = Map.copyOf(properties);
    }

    public Optional<ConfigValue> url() {
        return Optional.ofNullable(properties.get("url"));
    }

    public Optional<ConfigValue> directUrl() {
        return Optional.ofNullable(properties.get("directUrl"));
    }

    public Optional<ConfigValue> shadowDatabaseUrl() {
        return Optional.ofNullable(properties.get("shadowDatabaseUrl"));
    }

    /** {@code schemas = ["public", "auth"]} (multi-schema); empty when not set. */
    public List<String> schemas() {
        ConfigValue value = properties.get("schemas");
        return value instanceof ConfigValue.Array array ? array.values() : List.of();
    }
}
