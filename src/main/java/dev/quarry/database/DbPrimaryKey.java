package dev.quarry.database;

import java.util.List;

/** {@code CONSTRAINT "name" PRIMARY KEY ("a","b")}. */
public record DbPrimaryKey(String name, List<String> columns) {
    public DbPrimaryKey {
        columns = List.copyOf(columns);
    }
}
