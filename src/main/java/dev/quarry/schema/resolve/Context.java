package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.Span;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the resolution passes share: the parsed files, the top-level names, the diagnostics so far. */
final class Context {

    final List<SchemaAst> files;
    final List<Diagnostic> diagnostics;
    /** Models, views, composite types and enums by name; the first declaration wins. */
    final Map<String, Top.Block> tops = new LinkedHashMap<>();
    /** The datasource's name, the prefix of native type attributes ({@code @db.Text}). */
    String datasourceName = "db";

    Context(List<SchemaAst> files, List<Diagnostic> diagnostics) {
        this.files = files;
        this.diagnostics = diagnostics;
    }

    void push(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    List<Top.Block> blocks(Top.Keyword... keywords) {
        List<Top.Block> blocks = new ArrayList<>();
        for (SchemaAst file : files) {
            for (Top.Block block : file.blocks()) {
                for (Top.Keyword keyword : keywords) {
                    if (block.keyword() == keyword) {
                        blocks.add(block);
                    }
                }
            }
        }
        return blocks;
    }

    /** The span of the block declaring a top-level name. */
    Optional<Span> spanOf(String name) {
        return Optional.ofNullable(tops.get(name)).map(Top.Block::span);
    }

    boolean isModel(String name) {
        Top.Block block = tops.get(name);
        return block != null && (block.keyword() == Top.Keyword.MODEL || block.keyword() == Top.Keyword.VIEW);
    }

    boolean isEnum(String name) {
        Top.Block block = tops.get(name);
        return block != null && block.keyword() == Top.Keyword.ENUM;
    }

    boolean isCompositeType(String name) {
        Top.Block block = tops.get(name);
        return block != null && block.keyword() == Top.Keyword.TYPE;
    }
}
