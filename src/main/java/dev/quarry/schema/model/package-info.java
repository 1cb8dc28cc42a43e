/**
 * The resolved schema: what later stages (database, query, api) read. Built by the
 * resolver from a validated AST; immutable; no spans, no syntax.
 *
 * <p>Terms, as in Prisma's parser-database: a <em>name</em> is what the schema calls a thing
 * ({@code User}, {@code createdAt}); a <em>database name</em> is its {@code @map}/{@code @@map}
 * value if present, else the name.
 */
package dev.quarry.schema.model;
