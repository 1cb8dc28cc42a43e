package dev.quarry.query.exec;

import dev.quarry.query.write.StoredRow;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a write answers: the response body as PostgreSQL wrote it (the record read back, an array of them, or
 * {@code {"count": n}}), whether a record was created (an upsert's 201), the written row with its entity tag, and,
 * for a write answering an array of records, how many it holds.
 */
public record WriteResult(String body, boolean created, Optional<StoredRow> row, OptionalLong records) {

    public WriteResult(String body, boolean created, Optional<StoredRow> row) {
        this(body, created, row, OptionalLong.empty());
    }

    public Optional<String> etag() {
        return row.map(StoredRow::etag);
    }
}
