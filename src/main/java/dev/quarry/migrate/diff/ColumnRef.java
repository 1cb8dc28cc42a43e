package dev.quarry.migrate.diff;

/** A column by the names it has in the next shape. */
public record ColumnRef(String table, String column) {}
