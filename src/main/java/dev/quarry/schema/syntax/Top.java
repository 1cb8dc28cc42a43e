package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.List;
import java.util.Optional;

/** A top-level item of a schema file. Comments, empty lines and unparseable text are kept for the formatter. */
public sealed interface Top {

    /** {@code model|view|type|enum|datasource|generator Name { … }}. */
    record Block(Keyword keyword, Ident name, List<Member> members, Optional<CommentBlock> leadingComments, Span span)
            implements Top {
        public Block {
            members = List.copyOf(members);
        }

        public Optional<String> documentation() {
            return leadingComments.flatMap(CommentBlock::documentation);
        }

        public List<Member.FieldDecl> fields() {
            return members.stream()
                    .filter(Member.FieldDecl.class::isInstance)
                    .map(Member.FieldDecl.class::cast)
                    .toList();
        }

        public List<Member.BlockAttribute> blockAttributes() {
            return members.stream()
                    .filter(Member.BlockAttribute.class::isInstance)
                    .map(Member.BlockAttribute.class::cast)
                    .toList();
        }

        public List<Member.EnumValueDecl> enumValues() {
            return members.stream()
                    .filter(Member.EnumValueDecl.class::isInstance)
                    .map(Member.EnumValueDecl.class::cast)
                    .toList();
        }

        public List<Member.KeyValue> properties() {
            return members.stream()
                    .filter(Member.KeyValue.class::isInstance)
                    .map(Member.KeyValue.class::cast)
                    .toList();
        }
    }

    enum Keyword {
        MODEL("model"),
        VIEW("view"),
        TYPE("type"),
        ENUM("enum"),
        DATASOURCE("datasource"),
        GENERATOR("generator");

        public final String text;

        Keyword(String text) {
            this.text = text;
        }

        /**
         * How messages name a block of this kind: {@code model}, {@code view}, {@code composite type}, {@code
         * enum}.
         */
        public String containerType() {
            switch (this) {
                case VIEW:
                    return "view";
                case TYPE:
                    return "composite type";
                case ENUM:
                    return "enum";
                default:
                    return "model";
            }
        }
    }

    record Comments(CommentBlock block) implements Top {}

    record EmptyLines(Span span) implements Top {}

    /** {@code type A = B}: not supported by Prisma, reported and kept verbatim. */
    record TypeAlias(String text, Span span) implements Top {}

    /** {@code name { … }} without a known keyword. */
    record ArbitraryBlock(String text, Span span) implements Top {}

    /** A line that starts with no known keyword. */
    record CatchAll(String text, Span span) implements Top {}
}
