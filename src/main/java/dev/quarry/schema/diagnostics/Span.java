package dev.quarry.schema.diagnostics;

/** A range of characters [start, end) in one source file. */
public record Span(SourceFile file, int start, int end) {

    /** 1-based line of {@code start}. */
    public int line() {
        int line = 1;
        String text = file.text();
        for (int i = 0; i < start && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of {@code start}, counted in characters. */
    public int column() {
        int lineStart = file.text().lastIndexOf('\n', Math.max(0, start - 1));
        if (start == 0) {
            lineStart = -1;
        }
        return start - lineStart;
    }
}
