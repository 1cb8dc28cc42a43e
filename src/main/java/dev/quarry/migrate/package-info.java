/**
 * Migrations against a live database: the migrations folder, shadow database and Flyway runs, around the pure
 * stages {@code migrate.diff} → {@code migrate.step} → {@code migrate.check} / {@code migrate.render}.
 */
package dev.quarry.migrate;
