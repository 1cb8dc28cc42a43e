package dev.quarry.query.write;

import dev.quarry.error.ErrorCode;
import java.util.Map;

/**
 * A write that cannot be done as asked, found while running it: a record it depends on is missing, a constraint
 * of the database refused it, the record changed since the client read it, or the database is unavailable. Its
 * code decides the status ({@link ErrorCode}).
 *
 * @param code Prisma's code where one exists ({@code P2002}, {@code P2025}, …), else a Quarry code
 * @param meta the details Prisma puts in {@code meta} ({@code target}, {@code modelName}, …)
 */
public record WriteError(ErrorCode code, String message, Map<String, Object> meta) {

    public WriteError {
        meta = Map.copyOf(meta);
    }

    public WriteException exception() {
        return new WriteException(this);
    }
}
