package dev.quarry.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a database. Lists keep the order they were built in (a schema's model order, so
 * that a migration from nothing creates tables in that order, as Prisma does); whether two shapes
 * are the same database is the differ's question, not {@code equals}'s.
 */
public record DatabaseShape(
        List<String> namespaces,
        List<DbExtension> extensions,
        List<DbEnum> enums,
        List<DbTable> tables,
        List<DbSequence> sequences,
        List<DbView> views,
        List<DbTableSecurity> security) {

    public DatabaseShape {
        namespaces = namespaces.stream().distinct().toList();
        extensions = List.copyOf(extensions);
        enums = List.copyOf(enums);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        views = List.copyOf(views);
        security = List.copyOf(security);
    }

    /** A shape without row-level security, policies or managed grants. */
    public DatabaseShape(
            List<String> namespaces,
            List<DbExtension> extensions,
            List<DbEnum> enums,
            List<DbTable> tables,
            List<DbSequence> sequences,
            List<DbView> views) {
        this(namespaces, extensions, enums, tables, sequences, views, List.of());
    }

    public static DatabaseShape empty() {
        return new DatabaseShape(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The access control of a table; a table without row-level security and policies has none. */
    public Optional<DbTableSecurity> findSecurity(String schema, String table) {
        return security.stream()
                .filter(s -> s.schema().equals(schema) && s.table().equals(table))
                .findFirst();
    }

    public Optional<DbTable> findTable(String schema, String name) {
        return tables.stream()
                .filter(t -> t.schema().equals(schema) && t.name().equals(name))
                .findFirst();
    }

    public Optional<DbExtension> findExtension(String name) {
        return extensions.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<DbEnum> findEnum(String schema, String name) {
        return enums.stream()
                .filter(e -> e.schema().equals(schema) && e.name().equals(name))
                .findFirst();
    }

    public boolean isEmpty() {
        return enums.isEmpty() && tables.isEmpty() && sequences.isEmpty() && views.isEmpty();
    }

    /** The same shape without the given tables (Flyway's history table, Prisma's {@code _prisma_migrations}). */
    public DatabaseShape withoutTables(List<String> names) {
        List<DbTable> kept = new ArrayList<>(tables);
        kept.removeIf(t -> names.contains(t.name()));
        List<DbTableSecurity> keptSecurity = new ArrayList<>(security);
        keptSecurity.removeIf(s -> names.contains(s.table()));
        return new DatabaseShape(namespaces, extensions, enums, kept, sequences, views, keptSecurity);
    }
}
