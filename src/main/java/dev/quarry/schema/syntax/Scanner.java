package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.diagnostics.Span;

/**
 * A cursor over one file's text with the character classes of Prisma's grammar. Backtracking is {@code pos =
 * saved}.
 */
final class Scanner {

    final SourceFile file;
    final String text;
    int pos;

    Scanner(SourceFile file) {
        this.file = file;
        this.text = file.text();
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    boolean startsWith(String prefix) {
        return text.startsWith(prefix, pos);
    }

    boolean eat(String prefix) {
        if (startsWith(prefix)) {
            pos += prefix.length();
            return true;
        }
        return false;
    }

    /** Spaces and tabs (Prisma's WHITESPACE: Unicode space separators and tab); never newlines. */
    void skipWhitespace() {
        while (!atEnd() && isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    static boolean isWhitespace(char c) {
        return c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    boolean atNewline() {
        char c = peek();
        return c == '\n' || c == '\r';
    }

    /** Consumes {@code \n}, {@code \r\n} or {@code \r}. */
    boolean eatNewline() {
        return eat("\r\n") || eat("\n") || eat("\r");
    }

    /** Moves to the end of the line (before its newline). */
    void skipToEndOfLine() {
        while (!atEnd() && !atNewline()) {
            pos++;
        }
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetterOrDigit(c);
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Reads an identifier, or returns null leaving the position unchanged. */
    Ident identifier() {
        int start = pos;
        if (atEnd() || !isIdentifierStart(peek())) {
            return null;
        }
        while (!atEnd() && isIdentifierPart(peek())) {
            pos++;
        }
        return new Ident(text.substring(start, pos), span(start));
    }

    /** {@code identifier ("." identifier?)*}: {@code db.VarChar}. */
    Ident path() {
        int start = pos;
        if (identifier() == null) {
            return null;
        }
        while (eat(".")) {
            identifier();
        }
        return new Ident(text.substring(start, pos), span(start));
    }

    Span span(int start) {
        return new Span(file, start, pos);
    }

    String textFrom(int start) {
        return text.substring(start, pos);
    }
}
