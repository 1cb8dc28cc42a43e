/** {@code db pull}: writes a {@code schema.prisma} for a described database shape. */
package dev.quarry.migrate.pull;
