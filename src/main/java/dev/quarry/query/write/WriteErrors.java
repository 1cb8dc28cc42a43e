package dev.quarry.query.write;

import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryException;
import java.util.List;

/** The client-mistake messages of the write planner that have a Prisma code of their own. */
public final class WriteErrors {

    /** Prisma's "Missing a required value". */
    public static final String MISSING_VALUE = "P2012";
    /** Prisma's "Null constraint violation". */
    public static final String NULL_VALUE = "P2011";

    private WriteErrors() {}

    public static QueryException missing(ArgPath at, String model, String field, List<String> alternatives) {
        String either = alternatives.size() > 1 ? " (give one of " + String.join(", ", alternatives) + ")" : "";
        return at.error(MISSING_VALUE, "Missing a required value for " + model + "." + field + " at " + at.display() + either, alternatives);
    }

    public static QueryException nullValue(ArgPath at, String model, String field) {
        return at.error(NULL_VALUE, "Null is not allowed for the required field " + model + "." + field + " at " + at.display(), List.of());
    }
}
