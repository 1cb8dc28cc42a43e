package dev.quarry.query.write;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryException;
import java.util.List;

/** The client-mistake messages of the write planner that have a Prisma code of their own. */
public final class WriteErrors {

    private WriteErrors() {}

    public static QueryException missing(ArgPath at, String model, String field, List<String> alternatives) {
        String either = alternatives.size() > 1 ? " (give one of " + String.join(", ", alternatives) + ")" : "";
        return at.error(
                ErrorCode.MISSING_VALUE,
                "Missing a required value for " + model + "." + field + " at " + at.display() + either,
                alternatives);
    }

    public static QueryException nullValue(ArgPath at, String model, String field) {
        return at.error(
                ErrorCode.NULL_VALUE,
                "Null is not allowed for the required field " + model + "." + field + " at " + at.display(),
                List.of());
    }
}
