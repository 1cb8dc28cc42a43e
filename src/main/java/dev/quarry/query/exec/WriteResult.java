package dev.quarry.query.exec;

import dev.quarry.query.write.StoredRow;
import java.util.Optional;

/**
 * What a write answers: the response body as PostgreSQL wrote it (the record read back, an array of them, or
 * {@code {"count": n}}), whether a record was created (an upsert's 201), and the written row with its entity tag.
 */
public record WriteResult(String body, boolean created, Optional<StoredRow> row) {

    public Optional<String> etag() {
        return row.map(StoredRow::etag);
    }
}
