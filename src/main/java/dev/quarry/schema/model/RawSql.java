package dev.quarry.schema.model;

import java.util.Objects;

/**
 * SQL text that goes into a statement as it is, neither quoted nor bound: the one door for such text. A name goes
 * through {@link Identifiers#quote} and a constant through {@link Identifiers#literal} or a bind parameter; what
 * cannot (an expression the schema's author wrote, PostgreSQL's print of one, Quarry's compilation of a policy or a
 * data rule) is a {@code RawSql}, and its factory says where the text comes from. {@link #toString} is not the text,
 * so concatenating one into SQL by mistake shows in the statement.
 */
public final class RawSql {

    private final String text;

    private RawSql(String text) {
        this.text = Objects.requireNonNull(text);
    }

    /**
     * Written by the schema's author and passed on as Prisma passes it: {@code dbgenerated("…")}, a partial index's
     * {@code where}, {@code @@check(expression: "…")}.
     */
    public static RawSql writtenInSchema(String text) {
        return new RawSql(text);
    }

    /** An existing database's own text ({@code pg_get_expr}, {@code pg_get_viewdef}), read from its catalogs. */
    public static RawSql readFromDatabase(String text) {
        return new RawSql(text);
    }

    /**
     * Compiled by Quarry from a checked parse tree (a policy, a data rule): its names quoted and its constants
     * escaped by {@link Identifiers}.
     */
    public static RawSql compiled(String text) {
        return new RawSql(text);
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawSql other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "RawSql[" + text + "]";
    }
}
