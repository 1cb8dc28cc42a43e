/**
 * Schema core entry point: {@code PrismaSchema.parse} runs syntax → resolve → validate and returns a {@code
 * SchemaResult}.
 */
package dev.quarry.schema;
