package dev.quarry.schema.model;

/**
 * Quoting of identifiers and string literals for PostgreSQL, the one place where it happens: queries ({@code Sql}),
 * DDL, policies, index predicates and generated entities all quote through here. NUL is removed, as PostgREST's
 * {@code escapeIdent} does: PostgreSQL's text cannot hold it.
 */
public final class Identifiers {

    private Identifiers() {}

    /** {@code "name"}, with embedded double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\0", "").replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'}, with embedded single quotes doubled. */
    public static String literal(String text) {
        return '\'' + text.replace("\0", "").replace("'", "''") + '\'';
    }
}
