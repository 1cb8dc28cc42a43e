package dev.quarry.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a database. Lists keep the order they were built in (a schema's model order, so
 * that a migration from nothing creates tables in that order, as Prisma does); whether two shapes
 * are the same database is the differ's question, not {@code equals}'s.
 */
public record DatabaseShape(List<String> namespaces, List<DbEnum> enums, List<DbTable> tables, List<DbSequence> sequences, List<DbView> views) {

    public DatabaseShape {
        namespaces = namespaces.stream().distinct().toList();
        enums = List.copyOf(enums);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        views = List.copyOf(views);
    }

    public static DatabaseShape empty() {
        return new DatabaseShape(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<DbTable> findTable(String schema, String name) {
        return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst();
    }

    public Optional<DbEnum> findEnum(String schema, String name) {
        return enums.stream().filter(e -> e.schema().equals(schema) && e.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return enums.isEmpty() && tables.isEmpty() && sequences.isEmpty() && views.isEmpty();
    }

    /** The same shape without the given tables (Flyway's history table, Prisma's {@code _prisma_migrations}). */
    public DatabaseShape withoutTables(List<String> names) {
        List<DbTable> kept = new ArrayList<>(tables);
        kept.removeIf(t -> names.contains(t.name()));
        return new DatabaseShape(namespaces, enums, kept, sequences, views);
    }
}
