/** Bulk imports: NDJSON and CSV records read and written in batches. */
package dev.quarry.query.bulk;
