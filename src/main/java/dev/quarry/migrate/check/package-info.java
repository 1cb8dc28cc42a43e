/** Destructive-change checks over migration steps, with no database access. */
package dev.quarry.migrate.check;
