package dev.quarry.query.exec;

import java.util.OptionalLong;

/** What one read statement returns: the response body as PostgreSQL wrote it, and the total when asked for. */
public record QueryResult(String body, OptionalLong total) {}
