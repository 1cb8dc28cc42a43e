package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/** {@code enum Role { USER ADMIN @map("admin") @@map("role") }}. */
public record EnumType(
        String name, String dbName, Optional<String> dbSchema, List<EnumValue> values, Optional<String> documentation) {

    public EnumType {
        values = List.copyOf(values);
    }

    /** @param dbName the {@code @map} value, else the name */
    public record EnumValue(String name, String dbName, Optional<String> documentation) {}
}
