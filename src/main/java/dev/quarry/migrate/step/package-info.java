/** Migration steps as data, in the order they run; no SQL text. */
package dev.quarry.migrate.step;
