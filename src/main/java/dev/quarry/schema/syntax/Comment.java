package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;

/** One comment: {@code // text}, {@code /// doc} or {@code /* block *}{@code /}. */
public sealed interface Comment {

    Span span();

    /** The text as the formatter writes it back. */
    String render();

    /** {@code //…} or {@code ///…}; {@code content} is everything after the slashes. */
    record Line(boolean doc, String content, Span span) implements Comment {
        public String render() {
            return (doc ? "///" : "//") + content;
        }
    }

    /** {@code /* … *}{@code /}, kept verbatim. */
    record Block(String text, Span span) implements Comment {
        public String render() {
            return text;
        }
    }
}
