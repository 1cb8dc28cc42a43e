package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lines between a block's braces: fields, enum values, key-values, block attributes, comments, empty lines. */
final class BlockParser {

    private final Scanner in;
    private final ExpressionParser expressions;
    private final Top.Keyword keyword;
    private final String blockName;
    private final List<Diagnostic> diagnostics;

    BlockParser(
            Scanner in,
            ExpressionParser expressions,
            Top.Keyword keyword,
            String blockName,
            List<Diagnostic> diagnostics) {
        this.in = in;
        this.expressions = expressions;
        this.keyword = keyword;
        this.blockName = blockName;
        this.diagnostics = diagnostics;
    }

    /** The members up to and including the closing brace; null when the file ends first. */
    List<Member> members() {
        List<Member> members = new ArrayList<>();
        CommentBlock pendingComments = null;
        while (true) {
            in.skipWhitespace();
            if (in.atEnd()) {
                return null;
            }
            int start = in.pos;
            if (in.atNewline()) {
                while (true) {
                    int lineStart = in.pos;
                    in.skipWhitespace();
                    if (!in.eatNewline()) {
                        in.pos = lineStart;
                        break;
                    }
                }
                members.add(new Member.EmptyLines(in.span(start)));
                continue;
            }
            if (in.eat("}")) {
                return members;
            }
            CommentBlock comments = Parser.commentBlock(in);
            if (comments != null) {
                members.add(new Member.Comments(comments));
                pendingComments = comments;
                continue;
            }
            Member member = in.startsWith("@@") ? blockAttribute() : line(pendingComments);
            if (member == null) {
                in.pos = start;
                in.skipToEndOfLine();
                member = new Member.CatchAll(in.textFrom(start), in.span(start));
                in.eatNewline();
                diagnostics.add(SchemaErrors.invalidBlockLine(keyword.text, ((Member.CatchAll) member).span()));
            } else if (!(member instanceof Member.BlockAttribute)) {
                pendingComments = null;
            }
            members.add(member);
        }
    }

    private Member line(CommentBlock leadingComments) {
        switch (keyword) {
            case ENUM:
                return enumValue(leadingComments);
            case DATASOURCE:
            case GENERATOR:
                return keyValue();
            default:
                return field(leadingComments);
        }
    }

    private Member blockAttribute() {
        int start = in.pos;
        in.eat("@@");
        Attribute attribute = expressions.attributeBody(start, diagnostics);
        if (attribute == null) {
            return null;
        }
        Optional<Comment> trailing = trailingComment();
        int end = in.pos;
        in.skipWhitespace();
        if (!in.eatNewline()) {
            return null;
        }
        return new Member.BlockAttribute(attribute, trailing, new Span(in.file, start, end));
    }

    private Member field(CommentBlock leadingComments) {
        int start = in.pos;
        Ident name = in.identifier();
        if (name == null) {
            return null;
        }
        in.skipWhitespace();
        boolean legacyColon = in.eat(":");
        in.skipWhitespace();
        Optional<TypeRef> type = Optional.ofNullable(new TypeParser(in, expressions).fieldType());
        List<Attribute> attributes = fieldAttributes();
        Optional<Comment> trailing = trailingComment();
        int end = in.pos;
        in.skipWhitespace();
        if (!in.eatNewline()) {
            return null;
        }
        var span = new Span(in.file, start, trimmedEnd(start, end));
        if (legacyColon) {
            diagnostics.add(SchemaErrors.legacyColon(span));
        }
        if (type.isEmpty()) {
            diagnostics.add(SchemaErrors.fieldWithoutType(keyword.containerType(), blockName, span));
        } else {
            TypeParser.reportLegacyShape(type.get(), diagnostics);
        }
        return new Member.FieldDecl(
                name, legacyColon, type, attributes, trailing, Optional.ofNullable(leadingComments), span);
    }

    private int trimmedEnd(int start, int end) {
        while (end > start && Scanner.isWhitespace(in.text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private List<Attribute> fieldAttributes() {
        List<Attribute> attributes = new ArrayList<>();
        while (true) {
            int before = in.pos;
            in.skipWhitespace();
            int start = in.pos;
            if (!in.startsWith("@") || in.startsWith("@@")) {
                in.pos = before;
                return attributes;
            }
            in.pos++;
            Attribute attribute = expressions.attributeBody(start, diagnostics);
            if (attribute == null) {
                in.pos = before;
                return attributes;
            }
            attributes.add(attribute);
        }
    }

    private Optional<Comment> trailingComment() {
        int before = in.pos;
        in.skipWhitespace();
        Comment comment = Parser.comment(in);
        if (comment == null) {
            in.pos = before;
        }
        return Optional.ofNullable(comment);
    }

    private Member enumValue(CommentBlock leadingComments) {
        int start = in.pos;
        Ident name = in.identifier();
        if (name == null) {
            return null;
        }
        List<Attribute> attributes = fieldAttributes();
        Optional<Comment> trailing = trailingComment();
        int end = in.pos;
        in.skipWhitespace();
        if (!in.eatNewline()) {
            return null;
        }
        return new Member.EnumValueDecl(
                name,
                attributes,
                trailing,
                Optional.ofNullable(leadingComments),
                new Span(in.file, start, trimmedEnd(start, end)));
    }

    private Member keyValue() {
        int start = in.pos;
        Ident key = in.identifier();
        if (key == null) {
            return null;
        }
        in.skipWhitespace();
        if (!in.eat("=")) {
            return null;
        }
        int afterEquals = in.pos;
        in.skipWhitespace();
        Expr value = expressions.expression();
        if (value == null) {
            in.pos = afterEquals;
        }
        Optional<Comment> trailing = trailingComment();
        int end = in.pos;
        in.skipWhitespace();
        if (!in.eatNewline()) {
            return null;
        }
        return new Member.KeyValue(
                key, Optional.ofNullable(value), trailing, new Span(in.file, start, trimmedEnd(start, end)));
    }
}
