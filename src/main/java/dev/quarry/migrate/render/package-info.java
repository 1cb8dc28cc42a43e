/** Renders migration steps to PostgreSQL DDL ({@code PostgresRenderer}) and the migration script. */
package dev.quarry.migrate.render;
