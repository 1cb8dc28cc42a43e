package dev.quarry.runtime;

import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.diagnostics.DiagnosticRenderer;

/** The served schema has errors: the service does not start, and says why. */
public final class InvalidSchemaException extends RuntimeException {

    public InvalidSchemaException(String location, SchemaResult result) {
        super("the schema " + location + " has " + result.errors().size() + " error(s):\n"
                + DiagnosticRenderer.render(result.errors()));
    }
}
