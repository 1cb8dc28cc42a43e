package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import java.util.List;
import java.util.Optional;

/**
 * Access policies written in documentation comments, {@code /// @@allow('read', published)}, so that Prisma's own
 * tools, which do not know the attributes, still accept the file. A {@code ///} line whose text starts with
 * {@code @@allow}, {@code @@deny}, {@code @allow} or {@code @deny} is parsed as that attribute, with its spans in
 * the file.
 */
public final class CommentAttributes {

    private CommentAttributes() {}

    /** The policy attribute the comment holds, if it holds one; syntax errors go to {@code diagnostics}. */
    public static Optional<Attribute> policy(Comment comment, List<Diagnostic> diagnostics) {
        return attribute(comment, PolicyParser.ATTRIBUTE_NAMES, diagnostics);
    }

    /** The datasource's {@code /// @@policies(…)} (see {@code PolicyOptions}), if the comment holds it. */
    public static Optional<Attribute> policyOptions(Comment comment, List<Diagnostic> diagnostics) {
        return attribute(comment, List.of(POLICY_OPTIONS), diagnostics).filter(CommentAttributes::isBlockLevel);
    }

    public static final String POLICY_OPTIONS = "policies";

    /** A field's {@code /// @deletedAt} (soft delete), if the comment holds it. */
    public static Optional<Attribute> deletedAt(Comment comment, List<Diagnostic> diagnostics) {
        return attribute(comment, List.of(DELETED_AT), diagnostics);
    }

    public static final String DELETED_AT = "deletedAt";

    /**
     * The attribute among {@code names} the comment holds (data rules: {@code /// @email}, {@code ///
     * @@validate(…)}), if any.
     */
    public static Optional<Attribute> named(Comment comment, List<String> names, List<Diagnostic> diagnostics) {
        return attribute(comment, names, diagnostics);
    }

    private static Optional<Attribute> attribute(Comment comment, List<String> names, List<Diagnostic> diagnostics) {
        if (!(comment instanceof Comment.Line line) || !line.doc()) {
            return Optional.empty();
        }
        Scanner in = new Scanner(line.span().file());
        in.pos = line.span().start() + 3;
        in.skipWhitespace();
        int start = in.pos;
        boolean blockLevel = in.startsWith("@@");
        in.pos += blockLevel ? 2 : in.startsWith("@") ? 1 : 0;
        if (in.pos == start || names.stream().noneMatch(name -> namedHere(in, name))) {
            return Optional.empty();
        }
        Attribute attribute = new ExpressionParser(in).attributeBody(start, diagnostics);
        if (attribute == null) {
            return Optional.empty();
        }
        int end = in.pos;
        in.skipWhitespace();
        if (!in.atEnd() && !in.atNewline()) {
            diagnostics.add(SchemaErrors.attribute(
                    new Span(in.file, end, line.span().end()),
                    in.text.substring(start, attribute.name().span().end()),
                    "Unexpected text after the attribute in the comment."));
        }
        return Optional.of(attribute);
    }

    /** The attribute's name is next, followed by its arguments, a space or the end of the line. */
    private static boolean namedHere(Scanner in, String name) {
        if (in.startsWith(name + "(") || in.startsWith(name + " ")) {
            return true;
        }
        if (!in.startsWith(name)) {
            return false;
        }
        int at = in.pos;
        in.pos += name.length();
        boolean ends = in.atEnd() || in.atNewline();
        in.pos = at;
        return ends;
    }

    /** Whether the attribute was written with {@code @@} (a model's rule) rather than {@code @} (a field's). */
    public static boolean isBlockLevel(Attribute attribute) {
        return attribute.span().file().text().startsWith("@@", attribute.span().start());
    }
}
