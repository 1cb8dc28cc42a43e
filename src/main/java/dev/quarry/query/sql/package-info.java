/**
 * Query stage 3: plans to one SQL statement each ({@code QueryBuilder}), with values as {@code $n} parameters, and
 * the statement cache. Runs nothing.
 */
package dev.quarry.query.sql;
