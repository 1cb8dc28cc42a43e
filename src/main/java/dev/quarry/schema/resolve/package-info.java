/**
 * Schema core, stage 2: resolution of the AST into the {@code schema.model} records (names, types, attributes,
 * relations, policies, data rules, soft delete), reporting user mistakes as diagnostics.
 */
package dev.quarry.schema.resolve;
