package dev.quarry.schema.model;

import java.util.List;

/**
 * {@code @db.VarChar(255)} → {@code NativeType("VarChar", ["255"])}; {@code @db.Uuid} → {@code NativeType("Uuid",
 * [])}.
 */
public record NativeType(String name, List<String> arguments) {
    public NativeType {
        arguments = List.copyOf(arguments);
    }
}
