package dev.quarry.database;

/** Quoting of identifiers and string literals for PostgreSQL, the one place where it happens. */
public final class Identifiers {

    private Identifiers() {}

    /** {@code "name"}, with embedded double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'}, with embedded single quotes doubled. */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
