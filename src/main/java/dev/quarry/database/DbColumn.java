package dev.quarry.database;

import java.util.Optional;

/**
 * A column. {@code autoincrement} is a column whose default takes the next value of a sequence it
 * owns ({@code SERIAL}); list columns ({@code TEXT[]}) are nullable, as Prisma makes them.
 */
public record DbColumn(
        String name, ColumnType type, boolean nullable, Optional<ColumnDefault> defaultValue, boolean autoincrement) {

    public DbColumn withName(String columnName) {
        return new DbColumn(columnName, type, nullable, defaultValue, autoincrement);
    }
}
