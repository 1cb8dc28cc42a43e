package dev.quarry.database;

/** A view, kept opaque: its name and the definition PostgreSQL gives back. Migrations never create or change views. */
public record DbView(String schema, String name, String definition) {
    public String qualifiedName() {
        return schema + "." + name;
    }
}
