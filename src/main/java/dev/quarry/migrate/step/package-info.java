/** Migration steps as data, in the order they run; no SQL text. A {@code Pair} is one thing before and after. */
package dev.quarry.migrate.step;
