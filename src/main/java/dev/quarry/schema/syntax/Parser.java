package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.diagnostics.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one file into a {@link SchemaAst}, following Prisma's line-oriented grammar (datamodel.pest):
 * anything that does not parse becomes a catch-all line, reported, and parsing goes on.
 */
public final class Parser {

    private final Scanner in;
    private final ExpressionParser expressions;
    private final List<Diagnostic> diagnostics;

    private Parser(SourceFile file, List<Diagnostic> diagnostics) {
        this.in = new Scanner(file);
        this.expressions = new ExpressionParser(in);
        this.diagnostics = diagnostics;
    }

    /** Parses {@code file}, appending syntax errors to {@code diagnostics}. */
    public static SchemaAst parse(SourceFile file, List<Diagnostic> diagnostics) {
        return new Parser(file, diagnostics).schema();
    }

    private SchemaAst schema() {
        List<Top> tops = new ArrayList<>();
        CommentBlock pendingComments = null;
        while (true) {
            in.skipWhitespace();
            if (in.atEnd()) {
                break;
            }
            int start = in.pos;
            if (in.atNewline()) {
                emptyLines();
                tops.add(new Top.EmptyLines(in.span(start)));
                pendingComments = null;
                continue;
            }
            Top.Block block = block(pendingComments);
            pendingComments = null;
            if (block != null) {
                tops.add(block);
                continue;
            }
            Top other = typeAlias();
            if (other == null) {
                other = arbitraryBlock();
            }
            if (other == null) {
                CommentBlock comments = commentBlock();
                if (comments != null) {
                    tops.add(new Top.Comments(comments));
                    pendingComments = comments;
                    continue;
                }
                int lineStart = in.pos;
                in.skipToEndOfLine();
                other = new Top.CatchAll(in.textFrom(lineStart), in.span(lineStart));
                in.eatNewline();
                diagnostics.add(SchemaErrors.invalidTopLevelLine(((Top.CatchAll) other).span()));
            }
            tops.add(other);
        }
        return new SchemaAst(in.file, tops);
    }

    private void emptyLines() {
        while (true) {
            int start = in.pos;
            in.skipWhitespace();
            if (!in.eatNewline()) {
                in.pos = start;
                return;
            }
        }
    }

    private Top.Keyword keyword() {
        for (Top.Keyword keyword : Top.Keyword.values()) {
            if (in.eat(keyword.text)) {
                return keyword;
            }
        }
        return null;
    }

    private Top.Block block(CommentBlock leadingComments) {
        int start = in.pos;
        Top.Keyword keyword = keyword();
        if (keyword == null) {
            return null;
        }
        in.skipWhitespace();
        Ident name = in.identifier();
        if (name == null || !blockOpen()) {
            in.pos = start;
            return null;
        }
        List<Diagnostic> blockDiagnostics = new ArrayList<>();
        List<Member> members = new BlockParser(in, expressions, keyword, name.name(), blockDiagnostics).members();
        if (members == null) {
            in.pos = start;
            return null;
        }
        diagnostics.addAll(blockDiagnostics);
        return new Top.Block(keyword, name, members, Optional.ofNullable(leadingComments), in.span(start));
    }

    /** {@code { anything-to-end-of-line NEWLINE}. */
    private boolean blockOpen() {
        in.skipWhitespace();
        if (!in.eat("{")) {
            return false;
        }
        in.skipToEndOfLine();
        return in.eatNewline();
    }

    private Top typeAlias() {
        int start = in.pos;
        if (!in.eat("type")) {
            return null;
        }
        in.skipWhitespace();
        if (in.identifier() == null) {
            in.pos = start;
            return null;
        }
        in.skipWhitespace();
        if (!in.eat("=")) {
            in.pos = start;
            return null;
        }
        in.skipToEndOfLine();
        Span span = in.span(start);
        diagnostics.add(SchemaErrors.typeAlias(span));
        return new Top.TypeAlias(in.textFrom(start), span);
    }

    private Top arbitraryBlock() {
        int start = in.pos;
        if (in.identifier() == null || !blockOpen()) {
            in.pos = start;
            return null;
        }
        int close = in.text.indexOf('}', in.pos);
        if (close < 0) {
            in.pos = start;
            return null;
        }
        in.pos = close + 1;
        Span span = in.span(start);
        diagnostics.add(SchemaErrors.arbitraryBlock(span));
        return new Top.ArbitraryBlock(in.textFrom(start), span);
    }

    /** Consecutive comment lines (each with its newline); null if there is no comment here. */
    CommentBlock commentBlock() {
        return commentBlock(in);
    }

    static CommentBlock commentBlock(Scanner in) {
        List<Comment> comments = new ArrayList<>();
        while (true) {
            int lineStart = in.pos;
            in.skipWhitespace();
            Comment comment = comment(in);
            if (comment == null) {
                in.pos = lineStart;
                break;
            }
            comments.add(comment);
            in.skipWhitespace();
            if (!in.eatNewline()) {
                break;
            }
        }
        return comments.isEmpty() ? null : new CommentBlock(comments);
    }

    /** {@code ///…}, {@code //…} or {@code /* … *}{@code /} at the position. */
    static Comment comment(Scanner in) {
        int start = in.pos;
        if (in.startsWith("//")) {
            boolean doc = in.startsWith("///");
            in.pos += doc ? 3 : 2;
            int contentStart = in.pos;
            in.skipToEndOfLine();
            return new Comment.Line(doc, in.textFrom(contentStart), in.span(start));
        }
        if (in.startsWith("/*")) {
            int end = in.text.indexOf("*/", in.pos + 2);
            if (end < 0) {
                return null;
            }
            in.pos = end + 2;
            return new Comment.Block(in.textFrom(start), in.span(start));
        }
        return null;
    }
}
