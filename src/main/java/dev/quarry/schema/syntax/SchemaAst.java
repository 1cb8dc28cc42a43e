package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.SourceFile;
import java.util.List;

/** One parsed file: syntax only, nothing resolved; every node carries its span. */
public record SchemaAst(SourceFile file, List<Top> tops) {
    public SchemaAst {
        tops = List.copyOf(tops);
    }

    public List<Top.Block> blocks() {
        return tops.stream()
                .filter(Top.Block.class::isInstance)
                .map(Top.Block.class::cast)
                .toList();
    }
}
