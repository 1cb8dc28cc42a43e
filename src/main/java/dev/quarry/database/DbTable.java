package dev.quarry.database;

import java.util.List;
import java.util.Optional;

/**
 * A table: columns in their position, the primary key, every index (unique or not; a unique
 * constraint is read as its unique index, as Prisma does), the foreign keys and the CHECK constraints.
 */
public record DbTable(
        String schema,
        String name,
        List<DbColumn> columns,
        Optional<DbPrimaryKey> primaryKey,
        List<DbIndex> indexes,
        List<DbForeignKey> foreignKeys,
        List<DbCheck> checks) {

    public DbTable {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
    }

    /** A table without CHECK constraints. */
    public DbTable(
            String schema,
            String name,
            List<DbColumn> columns,
            Optional<DbPrimaryKey> primaryKey,
            List<DbIndex> indexes,
            List<DbForeignKey> foreignKeys) {
        this(schema, name, columns, primaryKey, indexes, foreignKeys, List.of());
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public Optional<DbColumn> findColumn(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<DbIndex> findIndex(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    public Optional<DbForeignKey> findForeignKey(String constraintName) {
        return foreignKeys.stream().filter(f -> f.name().equals(constraintName)).findFirst();
    }

    public DbTable withName(String schemaName, String tableName) {
        return new DbTable(schemaName, tableName, columns, primaryKey, indexes, foreignKeys, checks);
    }
}
