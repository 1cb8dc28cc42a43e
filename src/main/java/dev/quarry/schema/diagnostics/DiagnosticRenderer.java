package dev.quarry.schema.diagnostics;

/**
 * Prints a diagnostic as Prisma does, with a caret under the spot:
 *
 * <pre>
 * error: Error validating model "User": …
 *   -->  schema.prisma:13:3
 *    |
 * 12 |   id Int @id
 * 13 |   val
 *    |   ^^^
 * </pre>
 */
public final class DiagnosticRenderer {

    private DiagnosticRenderer() {}

    /** Every diagnostic, errors first, each as {@link #render(Diagnostic)} does, separated by a blank line. */
    public static String render(java.util.List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .sorted(java.util.Comparator.comparing(d -> !d.isError()))
                .map(DiagnosticRenderer::render)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    public static String render(Diagnostic diagnostic) {
        Span span = diagnostic.span();
        String text = span.file().text();
        int line = span.line();
        int lineStart = lineStart(text, span.start());
        int lineEnd = lineEnd(text, span.start());
        String gutter = " ".repeat(String.valueOf(line).length());
        StringBuilder out = new StringBuilder();
        out.append(diagnostic.isError() ? "error" : "warning").append(": ").append(diagnostic.message()).append('\n');
        out.append(gutter).append("-->  ").append(span.file().path()).append(':').append(line).append(':').append(span.column()).append('\n');
        out.append(gutter).append(" | \n");
        if (line > 1) {
            int previousStart = lineStart(text, lineStart - 1);
            out.append(pad(line - 1, gutter.length())).append(" | ").append(text, previousStart, lineEnd(text, previousStart)).append('\n');
        }
        out.append(line).append(" | ").append(text, lineStart, lineEnd).append('\n');
        int caretStart = span.start() - lineStart;
        int caretLength = Math.max(1, Math.min(span.end(), lineEnd) - span.start());
        out.append(gutter).append(" | ").append(" ".repeat(Math.max(0, caretStart))).append("^".repeat(caretLength)).append('\n');
        return out.toString();
    }

    private static String pad(int number, int width) {
        String text = String.valueOf(number);
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private static int lineStart(String text, int offset) {
        int newline = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1));
        return offset == 0 ? 0 : newline + 1;
    }

    private static int lineEnd(String text, int offset) {
        int end = offset;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }
}
