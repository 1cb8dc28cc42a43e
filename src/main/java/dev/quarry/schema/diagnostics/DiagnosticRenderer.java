package dev.quarry.schema.diagnostics;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a diagnostic as Prisma does, with the column in the header and a caret under the spot: the line
 * before, the offending line, the rest of a span that runs over several lines, and the line after.
 *
 * <pre>
 * error: Error validating model "User": …
 *   -->  schema.prisma:13:3
 *    |
 * 12 |   id Int @id
 * 13 |   val
 *    |   ^^^
 * 14 | }
 *    |
 * </pre>
 */
public final class DiagnosticRenderer {

    private DiagnosticRenderer() {}

    /** Every diagnostic, errors first, each as {@link #render(Diagnostic)} does, separated by a blank line. */
    public static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .sorted(Comparator.comparing(d -> !d.isError()))
                .map(DiagnosticRenderer::render)
                .collect(Collectors.joining("\n"));
    }

    public static String render(Diagnostic diagnostic) {
        Span span = diagnostic.span();
        String[] lines = span.file().text().split("\r\n|\n|\r", -1);
        int line = span.line();
        int lastLine = Math.max(line, new Span(span.file(), Math.max(span.start(), span.end() - 1), span.end()).line());
        int shownUpTo = Math.min(lines.length, lastLine + 1);
        int width = Math.max(2, String.valueOf(shownUpTo).length());
        String gutter = " ".repeat(width) + " | ";
        StringBuilder out = new StringBuilder();
        out.append(diagnostic.isError() ? "error" : "warning")
                .append(": ")
                .append(diagnostic.message())
                .append('\n');
        out.append(" ".repeat(width))
                .append("-->  ")
                .append(span.file().path())
                .append(':')
                .append(line)
                .append(':')
                .append(span.column())
                .append('\n');
        out.append(gutter).append('\n');
        if (line > 1) {
            appendLine(out, lines, line - 1, width);
        }
        appendLine(out, lines, line, width);
        String offending = lines[line - 1];
        int caretStart = Math.min(span.column() - 1, offending.length());
        int caretLength = Math.max(1, Math.min(span.end() - span.start(), offending.length() - caretStart));
        out.append(gutter)
                .append(" ".repeat(caretStart))
                .append("^".repeat(caretLength))
                .append('\n');
        for (int next = line + 1; next <= shownUpTo; next++) {
            appendLine(out, lines, next, width);
        }
        out.append(gutter).append('\n');
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] lines, int number, int width) {
        String label = String.valueOf(number);
        out.append(" ".repeat(width - label.length()))
                .append(label)
                .append(" | ")
                .append(lines[number - 1])
                .append('\n');
    }
}
