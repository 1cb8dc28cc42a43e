/**
 * Schema core, stage 2: resolution of the AST into the {@code schema.model} records (names, types, attributes,
 * relations, policies, data rules, soft delete), reporting user mistakes as diagnostics; its {@code SourceMap} tells
 * the checks of stage 3 where each resolved part was written.
 */
package dev.quarry.schema.resolve;
