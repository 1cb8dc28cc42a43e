package dev.quarry.schema.format;

/** The formatted text: indentation is written lazily at the first write of a line. */
final class Output {

    private static final int INDENT_WIDTH = 2;

    private final StringBuilder text = new StringBuilder();
    private int indent;

    void write(String part) {
        if (text.length() == 0 || text.charAt(text.length() - 1) == '\n') {
            text.append(" ".repeat(indent * INDENT_WIDTH));
        }
        text.append(part);
    }

    void endLine() {
        text.append('\n');
    }

    void indentUp() {
        indent++;
    }

    void indentDown() {
        indent--;
    }

    String finish() {
        if (text.length() == 0 || text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        return text.toString();
    }
}
