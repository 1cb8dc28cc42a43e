package dev.quarry.database;

import java.util.List;

/** {@code CREATE TYPE "schema"."name" AS ENUM ('A', 'B')}: values in their declared order. */
public record DbEnum(String schema, String name, List<String> values) {
    public DbEnum {
        values = List.copyOf(values);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
