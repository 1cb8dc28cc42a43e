package dev.quarry.query.sql;

/**
 * Table aliases unique within one statement: {@code t1}, {@code t2}, … (short, so never near the 63-byte limit).
 */
final class Aliases {

    private int next;

    Sql next(String prefix) {
        next++;
        return Sql.ident(prefix + next);
    }
}
