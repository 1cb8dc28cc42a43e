/** Writes: plans of create/update/delete with their nested writes, and the statements they run. */
package dev.quarry.query.write;
