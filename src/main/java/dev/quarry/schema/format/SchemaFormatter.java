package dev.quarry.schema.format;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Comment;
import dev.quarry.schema.syntax.CommentBlock;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Parser;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Formats a schema file as {@code prisma format} does: aligned columns, sorted attributes, one blank line
 * between blocks, comments kept. Works on the lossless syntax tree, so unparseable lines survive verbatim.
 */
public final class SchemaFormatter {

    private static final List<String> ATTRIBUTE_ORDER =
            List.of("id", "unique", "default", "updatedAt", "index", "fulltext", "map", "relation", "ignore");

    private static final Comparator<Attribute> BY_ATTRIBUTE_ORDER = Comparator.comparingInt(a -> {
        int index = ATTRIBUTE_ORDER.indexOf(a.name().name());
        return index < 0 ? Integer.MAX_VALUE : index;
    });

    private final Output out = new Output();

    private SchemaFormatter() {}

    /** The formatted text of one file; see {@link #format(List)}. */
    public static Optional<String> format(String text) {
        return Optional.of(
                format(List.of(new SourceFile("schema.prisma", text))).get("schema.prisma"));
    }

    /**
     * The formatted text of each file (by path), as {@code prisma format} does for a schema of several files:
     * when the files parse, incomplete relations are completed first (see {@link RelationCompletion}).
     */
    public static Map<String, String> format(List<SourceFile> files) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SchemaAst> asts =
                files.stream().map(file -> Parser.parse(file, diagnostics)).toList();
        List<RelationCompletion.Insertion> insertions =
                diagnostics.stream().anyMatch(Diagnostic::isError) ? List.of() : RelationCompletion.insertions(asts);
        Map<String, String> formatted = new LinkedHashMap<>();
        for (SchemaAst ast : asts) {
            String text = withInsertions(
                    ast.file().text(),
                    insertions.stream().filter(i -> i.file() == ast).toList());
            formatted.put(
                    ast.file().path(),
                    formatParsed(Parser.parse(new SourceFile(ast.file().path(), text), new ArrayList<>())));
        }
        return formatted;
    }

    private static String withInsertions(String text, List<RelationCompletion.Insertion> insertions) {
        List<RelationCompletion.Insertion> sorted = new ArrayList<>(insertions);
        sorted.sort(Comparator.comparingInt(RelationCompletion.Insertion::position));
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (RelationCompletion.Insertion insertion : sorted) {
            out.append(text, copied, insertion.position()).append(insertion.content());
            copied = insertion.position();
        }
        return out.append(text.substring(copied)).toString();
    }

    private static String formatParsed(SchemaAst ast) {
        SchemaFormatter formatter = new SchemaFormatter();
        formatter.tops(ast.tops());
        return formatter.out.finish();
    }

    private void tops(List<Top> tops) {
        int i = 0;
        while (i < tops.size() && tops.get(i) instanceof Top.EmptyLines) {
            i++;
        }
        for (; i < tops.size(); i++) {
            Top top = tops.get(i);
            if (top instanceof Top.Block block) {
                block(block);
            } else if (top instanceof Top.Comments comments) {
                Table table = new Table();
                comments(comments.block(), table);
                table.renderTo(out);
            } else if (top instanceof Top.EmptyLines) {
                if (i + 1 < tops.size()) {
                    out.endLine();
                }
            } else if (top instanceof Top.CatchAll catchAll) {
                out.write(catchAll.text());
                out.endLine();
            } else if (top instanceof Top.TypeAlias alias) {
                out.write(alias.text());
            } else if (top instanceof Top.ArbitraryBlock arbitrary) {
                out.write(arbitrary.text());
            }
        }
    }

    private record PendingAttribute(Optional<CommentBlock> comments, Member.BlockAttribute attribute) {}

    private void block(Top.Block block) {
        out.write(block.keyword().text + " " + block.name().name() + " {");
        out.endLine();
        out.indentUp();
        List<Member> members = block.members();
        List<PendingAttribute> attributes = new ArrayList<>();
        Table table = new Table();
        CommentBlock pendingComments = null;
        int i = 0;
        while (i < members.size() && members.get(i) instanceof Member.EmptyLines) {
            i++;
        }
        while (true) {
            boolean ateEmptyLines = false;
            if (i < members.size() && members.get(i) instanceof Member.EmptyLines) {
                ateEmptyLines = true;
                i++;
                Member next = i < members.size() ? members.get(i) : null;
                if (next != null && !(next instanceof Member.BlockAttribute) && !(next instanceof Member.Comments)) {
                    table.renderTo(out);
                    table.startRow();
                }
            }
            if (i >= members.size()) {
                break;
            }
            Member current = members.get(i++);
            if (current instanceof Member.Comments comments) {
                if (i < members.size() && members.get(i) instanceof Member.BlockAttribute) {
                    pendingComments = comments.block();
                } else {
                    if (ateEmptyLines) {
                        table.renderTo(out);
                        table.startRow();
                    }
                    comments(comments.block(), table);
                }
            } else if (current instanceof Member.FieldDecl field) {
                field(field, table);
            } else if (current instanceof Member.KeyValue keyValue) {
                keyValue(keyValue, table);
            } else if (current instanceof Member.EnumValueDecl value) {
                enumValue(value, table);
            } else if (current instanceof Member.BlockAttribute attribute) {
                attributes.add(new PendingAttribute(Optional.ofNullable(pendingComments), attribute));
                pendingComments = null;
            } else if (current instanceof Member.CatchAll catchAll) {
                table.interleave(catchAll.text());
            }
        }
        table.renderTo(out);
        if (!attributes.isEmpty()) {
            table.startRow();
        }
        attributes.sort(Comparator.comparing(
                PendingAttribute::attribute,
                Comparator.comparing(Member.BlockAttribute::attribute, BY_ATTRIBUTE_ORDER)));
        for (PendingAttribute pending : attributes) {
            pending.comments().ifPresent(c -> comments(c, table));
            table.startRow();
            table.column(0)
                    .append("@@")
                    .append(Expressions.attribute(pending.attribute().attribute()));
            pending.attribute().trailingComment().ifPresent(c -> table.appendSuffix(c.render()));
        }
        table.renderTo(out);
        out.indentDown();
        out.write("}");
        out.endLine();
    }

    private static void field(Member.FieldDecl field, Table table) {
        table.startRow();
        table.column(0).append(field.name().name());
        field.type().ifPresent(type -> table.column(1).append(Expressions.type(type)));
        StringBuilder attributes = table.column(2);
        List<Attribute> sorted = new ArrayList<>(field.attributes());
        sorted.sort(BY_ATTRIBUTE_ORDER);
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                attributes.append(' ');
            }
            attributes.append('@').append(Expressions.attribute(sorted.get(i)));
        }
        field.trailingComment().ifPresent(c -> table.appendSuffix(c.render()));
    }

    private static void enumValue(Member.EnumValueDecl value, Table table) {
        table.startRow();
        table.column(0).append(value.name().name());
        for (Attribute attribute : value.attributes()) {
            table.column(1).append('@').append(Expressions.attribute(attribute));
        }
        value.trailingComment().ifPresent(c -> table.appendSuffix(c.render()));
    }

    private static void keyValue(Member.KeyValue keyValue, Table table) {
        table.startRow();
        table.column(0).append(keyValue.key().name());
        table.column(1)
                .append("= ")
                .append(keyValue.value().map(Expressions::expression).orElse(""));
        keyValue.trailingComment().ifPresent(c -> table.appendSuffix(c.render()));
    }

    private static void comments(CommentBlock block, Table table) {
        for (Comment comment : block.comments()) {
            if (comment instanceof Comment.Line line) {
                table.startRow();
                table.appendSuffix(line.render());
            } else {
                String text = ((Comment.Block) comment).text();
                table.startRow();
                table.appendSuffix("/**");
                for (String line : text.substring(2, text.length() - 2).split("\r\n|\n|\r")) {
                    String trimmed = line.strip();
                    if (trimmed.startsWith("*")) {
                        trimmed = trimmed.substring(1).stripLeading();
                    }
                    if (!trimmed.isEmpty()) {
                        table.startRow();
                        table.appendSuffix(" * " + trimmed);
                    }
                }
                table.startRow();
                table.appendSuffix(" */");
            }
        }
    }
}
