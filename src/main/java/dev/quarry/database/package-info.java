/**
 * The shape of a PostgreSQL database: schemas (namespaces), enums, tables with their columns,
 * keys, indexes and foreign keys, sequences and views. Built from a resolved {@code Schema}
 * ({@link dev.quarry.database.ShapeCalculator}, with Prisma's types and constraint names) or read
 * from a live database ({@link dev.quarry.database.PgDescriber}); two shapes that are
 * {@code equals} are the same database, catalog for catalog.
 */
package dev.quarry.database;
