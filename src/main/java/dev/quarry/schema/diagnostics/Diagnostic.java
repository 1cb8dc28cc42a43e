package dev.quarry.schema.diagnostics;

/** One error or warning about a schema, at a span. Built through the factories of {@code SchemaErrors}. */
public record Diagnostic(Severity severity, Span span, String message) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
