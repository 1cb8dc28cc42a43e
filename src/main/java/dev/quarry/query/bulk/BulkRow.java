package dev.quarry.query.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of an import body: the line it starts on (1-based) and its field values as a create's {@code data}.
 */
public record BulkRow(int line, ObjectNode data) {}
