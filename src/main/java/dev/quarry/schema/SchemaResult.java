package dev.quarry.schema;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Optional;

/** What loading a schema gives: the resolved schema when there is no error, and every diagnostic. */
public record SchemaResult(Optional<Schema> schema, List<Diagnostic> diagnostics) {

    public SchemaResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
