package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.List;
import java.util.Optional;

/** One line-level item inside a block's braces. Comments and empty lines are kept for the formatter. */
public sealed interface Member {

    /** {@code name Type @attr(…) // comment}; {@code type} is empty for a malformed {@code name} alone. */
    record FieldDecl(
            Ident name,
            boolean legacyColon,
            Optional<TypeRef> type,
            List<Attribute> attributes,
            Optional<Comment> trailingComment,
            Optional<CommentBlock> leadingComments,
            Span span)
            implements Member {
        public FieldDecl {
            attributes = List.copyOf(attributes);
        }

        public Optional<String> documentation() {
            return leadingComments.flatMap(CommentBlock::documentation);
        }

        public Optional<Attribute> findAttribute(String attributeName) {
            return attributes.stream()
                    .filter(a -> a.name().name().equals(attributeName))
                    .findFirst();
        }
    }

    /** {@code VALUE @map("v") // comment} in an enum. */
    record EnumValueDecl(
            Ident name,
            List<Attribute> attributes,
            Optional<Comment> trailingComment,
            Optional<CommentBlock> leadingComments,
            Span span)
            implements Member {
        public EnumValueDecl {
            attributes = List.copyOf(attributes);
        }
    }

    /** {@code key = value // comment} in a datasource or generator; {@code value} empty for {@code key =}. */
    record KeyValue(Ident key, Optional<Expr> value, Optional<Comment> trailingComment, Span span) implements Member {}

    /** {@code @@index([a]) // comment}. */
    record BlockAttribute(Attribute attribute, Optional<Comment> trailingComment, Span span) implements Member {}

    record Comments(CommentBlock block) implements Member {}

    record EmptyLines(Span span) implements Member {}

    /** A line that is none of the above; an error, kept verbatim by the formatter. */
    record CatchAll(String text, Span span) implements Member {}
}
