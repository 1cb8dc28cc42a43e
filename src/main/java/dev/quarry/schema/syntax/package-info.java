/**
 * Schema core, stage 1: scanner and parser of {@code schema.prisma} into an unresolved AST ({@code SchemaAst})
 * whose nodes carry spans. Uses only {@code schema.diagnostics}.
 */
package dev.quarry.schema.syntax;
