package dev.quarry.database;

import java.util.Optional;

/**
 * A PostgreSQL extension: {@code extensions = [citext, uuid_ossp(map: "uuid-ossp", schema: "ext", version: "1.1")]}
 * in the datasource, or a row of {@code pg_extension}. {@code name} is the database name (the
 * {@code map:} value, else the identifier).
 */
public record DbExtension(String name, Optional<String> schema, Optional<String> version) {}
