package dev.quarry.query.exec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one read statement returns: the response body as PostgreSQL wrote it, the total when asked for, and the
 * record's entity tag when asked for.
 */
public record QueryResult(String body, OptionalLong total, Optional<String> tag) {}
