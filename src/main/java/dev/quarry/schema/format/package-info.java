/** The schema formatter ({@code prisma format}): works on the syntax tree so that comments survive. */
package dev.quarry.schema.format;
