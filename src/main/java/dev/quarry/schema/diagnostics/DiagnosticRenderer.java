package dev.quarry.schema.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/** Placeholder until the schema stage's renderer lands: file:line:column and the message. */
public final class DiagnosticRenderer {

    private DiagnosticRenderer() {}

    public static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.span().file().path() + ":" + d.span().line() + ":" + d.span().column() + ": " + d.message())
                .collect(Collectors.joining("\n"));
    }
}
