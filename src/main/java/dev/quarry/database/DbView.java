package dev.quarry.database;

import dev.quarry.schema.model.RawSql;
import java.util.List;

/**
 * A view, kept opaque: its name, the definition PostgreSQL gives back, the tables and views it reads ({@code
 * schema.name}) and their columns it reads ({@code schema.name.column}). Migrations never create or change views of
 * their own accord; they drop one only around a step that changes what it reads, and create it again after.
 */
public record DbView(String schema, String name, RawSql definition, List<String> reads, List<String> columns) {
    public DbView {
        reads = List.copyOf(reads);
        columns = List.copyOf(columns);
    }

    public DbView(String schema, String name, RawSql definition) {
        this(schema, name, definition, List.of(), List.of());
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
